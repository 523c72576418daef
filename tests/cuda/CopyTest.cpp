// Transfers and conversion: host <-> device and device <-> device copies of every dtype,
// conversion between every pair of dtypes (the same results as the CPU's conversion),
// non-contiguous and broadcast sources and destinations, pinned memory and non_blocking.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cmath>
#include <limits>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::all_dtypes;
using ember_cuda_test::gpu;
using ember_cuda_test::random;
using ember_test::tensors_equal;

TEST(CudaCopy, RoundTripsEveryDtype) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    for (const std::vector<int64_t>& shape :
         std::vector<std::vector<int64_t>>{{}, {0}, {1}, {1000003}, {3, 0, 2}, {17, 33}}) {
      const Tensor h = random(shape, d, 7, -100, 100);
      const Tensor c = h.cuda();
      EXPECT_TRUE(c.is_cuda());
      EXPECT_EQ(c.dtype(), d);
      EXPECT_TRUE(tensors_equal(c.cpu(), h)) << d << " " << IntArrayRef(shape);
      EXPECT_TRUE(tensors_equal(c.clone().cpu(), h)) << d;
    }
  }
}

// Values that exercise every conversion rule: fractions, negatives, out-of-range, inf, NaN.
Tensor special_values() {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return tensor({0.0,   -0.0,   0.5, -0.5, 1.5,     -2.5,    127.0, 128.0, 255.0,
                 256.0, -129.0, 1e4, -1e4, 65504.0, 70000.0, 3e9,   -3e9,  1e19,
                 -1e19, 1e300,  inf, -inf, nan,     0.1,     1e-8,  2.0,   3.0},
                kDouble);
}

TEST(CudaCopy, ConvertsEveryPairOfDtypesLikeTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype from : all_dtypes()) {
    const Tensor src_cpu = special_values().to(from);
    const Tensor src = src_cpu.cuda();
    for (Dtype to : all_dtypes()) {
      EXPECT_TRUE(tensors_equal(src.to(to).cpu(), src_cpu.to(to))) << from << " -> " << to;
      // Non-contiguous source, converted on the device.
      const Tensor strided = src.slice(0, 1, 27, 2);
      EXPECT_TRUE(tensors_equal(strided.to(to).cpu(), src_cpu.slice(0, 1, 27, 2).to(to)))
          << from << " -> " << to;
    }
  }
}

TEST(CudaCopy, ConvertsDuringTransfersBothWays) {
  EMBER_REQUIRE_CUDA();
  const Tensor h = random({64, 33}, kFloat, 3, -1000, 1000);
  for (Dtype to : all_dtypes()) {
    EXPECT_TRUE(tensors_equal(h.to(gpu(), to).cpu(), h.to(to))) << to;
    EXPECT_TRUE(tensors_equal(h.cuda().to(Device(kCPU), to), h.to(to))) << to;
    EXPECT_TRUE(tensors_equal(h.cuda().to(Device(kCPU), to, /*non_blocking=*/true), h.to(to)))
        << to;
  }
}

TEST(CudaCopy, NonContiguousSourcesAndDestinations) {
  EMBER_REQUIRE_CUDA();
  const Tensor h = random({40, 30}, kDouble, 4);
  // Host -> device from a transposed and a sliced host tensor.
  EXPECT_TRUE(tensors_equal(h.t().cuda().cpu(), h.t().contiguous()));
  EXPECT_TRUE(tensors_equal(h.slice(1, 3, 30, 4).cuda().cpu(), h.slice(1, 3, 30, 4).contiguous()));
  // Device -> host from a transposed device tensor.
  const Tensor c = h.cuda();
  EXPECT_TRUE(tensors_equal(c.t().cpu(), h.t().contiguous()));
  EXPECT_TRUE(tensors_equal(c.t().contiguous().cpu(), h.t().contiguous()));
  EXPECT_TRUE(tensors_equal(c.narrow(0, 5, 7).select(1, 2).cpu(), h.narrow(0, 5, 7).select(1, 2)));
  // Into non-contiguous destinations, each direction and within the device.
  Tensor dst_dev = zeros({30, 40}, TensorOptions().device(gpu()).dtype(kDouble)).t();
  dst_dev.copy_(h);
  EXPECT_TRUE(tensors_equal(dst_dev.cpu(), h));
  Tensor dst_host = zeros({30, 40}, kDouble).t();
  dst_host.copy_(c);
  EXPECT_TRUE(tensors_equal(dst_host, h));
  Tensor dst_conv = zeros({30, 40}, TensorOptions().device(gpu()).dtype(kHalf)).t();
  dst_conv.copy_(c);
  EXPECT_TRUE(tensors_equal(dst_conv.cpu(), h.to(kHalf)));
  Tensor dst_host_conv = zeros({30, 40}, kInt).t();
  dst_host_conv.copy_(c);
  EXPECT_TRUE(tensors_equal(dst_host_conv, h.to(kInt)));
}

TEST(CudaCopy, BroadcastingCopies) {
  EMBER_REQUIRE_CUDA();
  const Tensor row = tensor({1.0f, 2.0f, 3.0f});
  const Tensor expected = row.expand({4, 3}).contiguous();
  Tensor d = empty({4, 3}, gpu());
  d.copy_(row);  // host row into every device row
  EXPECT_TRUE(tensors_equal(d.cpu(), expected));
  d.zero_();
  d.copy_(row.cuda());
  EXPECT_TRUE(tensors_equal(d.cpu(), expected));
  Tensor h = empty({4, 3}, kDouble);
  h.copy_(row.cuda());
  EXPECT_TRUE(tensors_equal(h, expected.to(kDouble)));
  d.copy_(tensor(9.0f));  // a 0-d host value
  EXPECT_TRUE(tensors_equal(d.cpu(), full({4, 3}, 9.0f)));
  EXPECT_TRUE(ember_test::throws_error_with([&] { d.copy_(ones({2}, gpu())); }, "must match"));
}

TEST(CudaCopy, OverlappingCopiesWithinADeviceAreRejected) {
  EMBER_REQUIRE_CUDA();
  Tensor a = arange(10, gpu());
  EXPECT_TRUE(ember_test::throws_error_with([&] { a.slice(0, 1).copy_(a.slice(0, 0, 9)); },
                                            "single memory location"));
  Tensor same = a;
  same.copy_(a);  // the same tensor: nothing to do
  EXPECT_TRUE(tensors_equal(a.cpu(), arange(10)));
}

TEST(CudaCopy, PinnedMemoryAndNonBlockingTransfers) {
  EMBER_REQUIRE_CUDA();
  const Tensor h = random({1 << 20}, kFloat, 5);
  EXPECT_FALSE(h.is_pinned());
  const Tensor pinned = h.pin_memory();
  EXPECT_TRUE(pinned.is_pinned());
  EXPECT_TRUE(pinned.is_cpu());
  EXPECT_TRUE(pinned.pin_memory().is_same(pinned));
  EXPECT_TRUE(tensors_equal(pinned, h));
  EXPECT_TRUE(empty({16}, TensorOptions().pinned_memory(true)).is_pinned());
  EXPECT_TRUE(ember_test::throws_error_with([] { ones({2}, gpu()).pin_memory(); }, "pin"));

  // Host -> device without waiting, then device -> pinned host without waiting.
  const Tensor dev = pinned.to(gpu(), /*non_blocking=*/true);
  const Tensor doubled = dev * 2.0;
  Tensor back = empty({1 << 20}, TensorOptions().pinned_memory(true));
  back.copy_(doubled, /*non_blocking=*/true);
  cuda::current_stream().synchronize();
  EXPECT_TRUE(tensors_equal(back, h * 2.0));

  // Freed pinned buffers are reused only after the transfers that read them finish: queue
  // many transfers from short-lived pinned buffers, each with its own value.
  std::vector<Tensor> outs;
  for (int i = 0; i < 20; ++i) {
    const Tensor staging = full({1 << 18}, static_cast<float>(i)).pin_memory();
    outs.push_back(staging.to(gpu(), /*non_blocking=*/true));
  }
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(tensors_equal(outs[i].cpu(), full({1 << 18}, static_cast<float>(i)))) << i;
  }
}

TEST(CudaCopy, LargeTransfersAreExact) {
  EMBER_REQUIRE_CUDA();
  const Tensor h = random({3, 1 << 22}, kHalf, 9);
  const Tensor c = h.cuda();
  EXPECT_TRUE(tensors_equal(c.cpu(), h));
  EXPECT_TRUE(tensors_equal(c.to(kFloat).cpu(), h.to(kFloat)));
  EXPECT_TRUE(tensors_equal(c.t().contiguous().cpu(), h.t().contiguous()));
}

}  // namespace
