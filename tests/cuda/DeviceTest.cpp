// Devices: queries, the current device and its guard, placement of every creation function,
// to()/cpu()/cuda() semantics, and the errors of a build or machine without a GPU.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <sstream>
#include <string>
#include <utility>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::gpu;
using ember_test::throws_error_with;

TEST(CudaDevice, UnavailableMeansClearErrors) {
  if (cuda::is_available()) GTEST_SKIP() << "a GPU is present";
  EXPECT_EQ(cuda::device_count(), 0);
  EXPECT_THROW(zeros({2}, Device("cuda:0")), Error);
  EXPECT_THROW(ones({2}).cuda(), Error);
  EXPECT_TRUE(throws_error_with([] { zeros({2}, Device("cuda")); }, "cuda"));
  EXPECT_TRUE(throws_error_with([] { ones({2}).to(Device("cuda:1")); }, "not available"));
  EXPECT_TRUE(throws_error_with([] { cuda::synchronize(); }, "cuda"));
  // A CUDA build says why the runtime did not start ("(cudaErrorNoDevice: ...)").
  const std::string why = ember_test::cuda_unavailable_reason();
  EXPECT_TRUE(why.find("built without CUDA support") != std::string::npos ||
              why.find("(cuda") != std::string::npos)
      << why;
  EXPECT_TRUE(throws_error_with([] { cuda::current_device(); }, "cuda"));
  EXPECT_TRUE(throws_error_with([] { cuda::set_device(0); }, "cuda"));
  EXPECT_TRUE(throws_error_with([] { cuda::current_stream(); }, "cuda"));
  EXPECT_TRUE(throws_error_with([] { cuda::DeviceGuard g(Device("cuda:0")); }, "cuda"));
  EXPECT_TRUE(throws_error_with([] { ones({2}).pin_memory(); }, "pin"));
  EXPECT_TRUE(throws_error_with([] { empty({2}, TensorOptions().pinned_memory(true)); }, "pin"));
  EXPECT_FALSE(ones({2}).is_pinned());
  EXPECT_EQ(cuda::memory_allocated(), 0u);
  EXPECT_EQ(cuda::memory_reserved(), 0u);
  cuda::empty_cache();  // a no-op, as in PyTorch
  cuda::manual_seed_all(1);
  // A CPU device guard is a no-op everywhere.
  cuda::DeviceGuard cpu_guard{Device(kCPU)};
  // CPU work is unaffected.
  EXPECT_TRUE(ember_test::tensors_equal(ones({2}) + ones({2}), full({2}, 2.0f)));
}

TEST(CudaDevice, QueriesAndCurrentDevice) {
  EMBER_REQUIRE_CUDA();
  ASSERT_GE(cuda::device_count(), 1);
  const int64_t original = cuda::current_device();
  EXPECT_GE(original, 0);
  EXPECT_LT(original, cuda::device_count());
  const int64_t last = cuda::device_count() - 1;
  cuda::set_device(last);
  EXPECT_EQ(cuda::current_device(), last);
  {
    cuda::DeviceGuard guard(int64_t(0));
    EXPECT_EQ(cuda::current_device(), 0);
    EXPECT_EQ(guard.original_index(), last);
  }
  EXPECT_EQ(cuda::current_device(), last);
  cuda::set_device(original);
  cuda::synchronize();
  cuda::synchronize(0);
}

TEST(CudaDevice, BadDeviceIndexIsAClearError) {
  EMBER_REQUIRE_CUDA();
  const int64_t n = cuda::device_count();
  const std::string bad = "cuda:" + std::to_string(n);
  EXPECT_TRUE(throws_error_with([&] { zeros({2}, Device(bad)); }, "out of range"));
  EXPECT_TRUE(throws_error_with([&] { cuda::set_device(n); }, "out of range"));
  EXPECT_TRUE(throws_error_with([&] { cuda::DeviceGuard g(n); }, "out of range"));
  EXPECT_TRUE(throws_error_with([&] { cuda::synchronize(n); }, "out of range"));
}

// linspace and arange give the CPU's values bit for bit on every numeric dtype: integer
// results that truncate (0 ... 0, 1), fractional and reversed end points, one and two steps,
// and lengths around the halfway split and the launch's block size.
TEST(CudaDevice, LinspaceAndArangeMatchTheCpuBitForBit) {
  EMBER_REQUIRE_CUDA();
  struct Range {
    Scalar start, end;
    int64_t steps;
  };
  const std::vector<Range> ranges = {
      {0, 1, 50},     {-2.5, 7.3, 13}, {7.9, -7.9, 6}, {0.5, 100.7, 9}, {10, 0, 7},
      {3, 3, 5},      {0, 100, 2},     {0.9, 10, 1},   {0, 1, 1000},    {-1e3, 1e3, 4097},
      {1e-3, 1, 257}, {5, -5, 2},      {-0.0, 0.0, 3},
  };
  // The values, or the error (end points that do not fit the dtype).
  auto make = [](const Range& r, const TensorOptions& o) -> std::pair<Tensor, std::string> {
    try {
      return {linspace(r.start, r.end, r.steps, o).cpu(), ""};
    } catch (const Error& e) {
      return {Tensor(), e.what()};
    }
  };
  for (Dtype d : ember_cuda_test::all_dtypes()) {
    if (d == kBool) continue;
    for (const Range& r : ranges) {
      const auto [cpu, cpu_error] = make(r, TensorOptions().dtype(d));
      const auto [gpu_values, gpu_error] = make(r, TensorOptions().dtype(d).device(gpu()));
      const std::string what = "linspace(" + std::to_string(r.start.toDouble()) + ", " +
                               std::to_string(r.end.toDouble()) + ", " + std::to_string(r.steps) +
                               ", " + std::string(dtype_name(d)) + ")";
      EXPECT_EQ(gpu_error, cpu_error) << what;
      if (cpu_error.empty() && gpu_error.empty()) {
        EXPECT_TRUE(ember_test::tensors_equal(gpu_values, cpu)) << what;
      }
    }
    const Tensor a = arange(0, 100, 3, TensorOptions().dtype(d).device(gpu()));
    EXPECT_TRUE(ember_test::tensors_equal(a.cpu(), arange(0, 100, 3, TensorOptions().dtype(d))))
        << d;
  }
}

TEST(CudaDevice, EveryCreationFunctionPlacesOnTheGpu) {
  EMBER_REQUIRE_CUDA();
  const Device d = gpu();
  const std::vector<Tensor> made = {
      empty({2, 3}, d),
      zeros({2, 3}, d),
      ones({2, 3}, TensorOptions().device(d).dtype(kHalf)),
      full({2, 3}, 7, d),
      tensor({{1.0, 2.0}, {3.0, 4.0}}, d),
      tensor(5, d),
      arange(10, d),
      arange(1.0, 2.0, 0.25, d),
      linspace(0, 1, 5, d),
      eye(3, d),
      eye(2, 4, TensorOptions().device(d).dtype(kInt)),
      zeros_like(ones({2}, d)),
      ones_like(ones({2}, d)),
      empty_like(ones({2}, d)),
      full_like(ones({2}, d), 3.5),
  };
  for (const Tensor& t : made) {
    EXPECT_TRUE(t.is_cuda());
    EXPECT_EQ(t.device(), Device(kCUDA, 0));
  }
  EXPECT_TRUE(ember_test::tensors_equal(made[1].cpu(), zeros({2, 3})));
  EXPECT_TRUE(ember_test::tensors_equal(made[2].cpu(), ones({2, 3}, kHalf)));
  EXPECT_TRUE(ember_test::tensors_equal(made[3].cpu(), full({2, 3}, 7)));
  EXPECT_TRUE(ember_test::tensors_equal(made[4].cpu(), tensor({{1.0, 2.0}, {3.0, 4.0}})));
  EXPECT_TRUE(ember_test::tensors_equal(made[6].cpu(), arange(10)));
  EXPECT_TRUE(ember_test::tensors_equal(made[7].cpu(), arange(1.0, 2.0, 0.25)));
  EXPECT_TRUE(ember_test::tensors_equal(made[8].cpu(), linspace(0, 1, 5)));
  EXPECT_TRUE(ember_test::tensors_equal(made[9].cpu(), eye(3)));
  EXPECT_TRUE(ember_test::tensors_equal(made[10].cpu(), eye(2, 4, kInt)));
  EXPECT_TRUE(ember_test::tensors_equal(made[14].cpu(), full({2}, 3.5f)));
  // from_blob wraps device memory without copying.
  const Tensor base = arange(6, TensorOptions().device(d).dtype(kFloat));
  const Tensor view = from_blob(base.data_ptr(), {2, 3}, TensorOptions().device(d));
  EXPECT_TRUE(view.is_cuda());
  EXPECT_TRUE(ember_test::tensors_equal(view.cpu(), arange(6, kFloat).view({2, 3})));
}

TEST(CudaDevice, CudaWithoutIndexMeansTheCurrentDevice) {
  EMBER_REQUIRE_CUDA();
  const int64_t original = cuda::current_device();
  const int64_t last = cuda::device_count() - 1;
  cuda::set_device(last);
  EXPECT_EQ(zeros({1}, Device("cuda")).device().index(), last);
  EXPECT_EQ(ones({1}).cuda().device().index(), last);
  cuda::set_device(original);
}

TEST(CudaDevice, ToReturnsTheSameTensorWhenNothingChanges) {
  EMBER_REQUIRE_CUDA();
  const Tensor c = arange(5, TensorOptions().device(gpu()).dtype(kFloat));
  EXPECT_TRUE(c.to(gpu()).is_same(c));
  EXPECT_TRUE(c.to(gpu(), kFloat).is_same(c));
  EXPECT_TRUE(c.to(kFloat).is_same(c));
  EXPECT_TRUE(c.cuda().is_same(c));
  EXPECT_FALSE(c.to(gpu(), /*non_blocking=*/false, /*copy=*/true).is_same(c));
  const Tensor h = arange(5, kFloat);
  EXPECT_TRUE(h.cpu().is_same(h));
  EXPECT_TRUE(h.to(Device(kCPU)).is_same(h));
  const Tensor moved = h.cuda();
  EXPECT_FALSE(moved.is_same(h));
  EXPECT_TRUE(moved.is_cuda());
  EXPECT_TRUE(ember_test::tensors_equal(moved.cpu(), h));
  const Tensor both = h.to(gpu(), kDouble);
  EXPECT_EQ(both.dtype(), kDouble);
  EXPECT_TRUE(both.is_cuda());
  EXPECT_TRUE(ember_test::tensors_equal(both.cpu(), h.to(kDouble)));
  EXPECT_TRUE(ember_test::tensors_equal(c.to(TensorOptions().device(Device(kCPU)).dtype(kLong)),
                                        arange(5)));
}

TEST(CudaDevice, InspectionAndPrinting) {
  EMBER_REQUIRE_CUDA();
  const Tensor t = tensor({1.5, 2.0}, TensorOptions().device(gpu()).dtype(kDouble));
  EXPECT_EQ(t.toString(), "CUDADoubleType");
  EXPECT_EQ(t.options().device(), gpu());
  EXPECT_DOUBLE_EQ(t[0].item<double>(), 1.5);
  std::ostringstream os;
  os << t;
  EXPECT_EQ(os.str(), "tensor([1.5000, 2.0000], device='cuda:0', dtype=ember.float64)");
}

TEST(CudaDevice, TensorsOnTwoDevicesDoNotMix) {
  EMBER_REQUIRE_CUDA();
  const Tensor c = ones({3}, gpu());
  EXPECT_TRUE(throws_error_with([&] { (void)(c + ones({3})); }, "same device"));
  EXPECT_TRUE(throws_error_with([&] { (void)c.mm(ones({3, 3})); }, "same device"));
  if (cuda::device_count() < 2) return;
  const Tensor d = ones({3}, gpu(1));
  EXPECT_TRUE(throws_error_with([&] { (void)(c + d); }, "same device"));
  // Ops run on their tensors' device whatever the current device is.
  const Tensor sum = d + d;
  EXPECT_EQ(sum.device(), gpu(1));
  EXPECT_TRUE(ember_test::tensors_equal(sum.cpu(), full({3}, 2.0f)));
  // Copies between devices.
  const Tensor src = arange(1000, TensorOptions().device(gpu(1)).dtype(kFloat));
  EXPECT_TRUE(ember_test::tensors_equal(src.to(gpu(0)).cpu(), arange(1000, kFloat)));
  EXPECT_TRUE(
      ember_test::tensors_equal(src.t().to(gpu(0), kHalf).cpu(), arange(1000, kFloat).to(kHalf)));
  Tensor dst = zeros({10, 100}, gpu(0)).t();
  dst.copy_(src.view({100, 10}));
  EXPECT_TRUE(ember_test::tensors_equal(dst.cpu(), arange(1000, kFloat).view({100, 10})));
}

}  // namespace
