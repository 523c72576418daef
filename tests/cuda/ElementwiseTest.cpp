// Elementwise ops on the GPU against the CPU backend: every dtype, contiguous, strided,
// broadcast, misaligned, empty and 0-d operands, numbers and 0-d host tensors as operands,
// in-place forms, type promotion, iterations split into several launches, and fill_.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::all_dtypes;
using ember_cuda_test::gpu;
using ember_cuda_test::random;
using ember_cuda_test::same_on_both;

using BinaryOp = std::function<Tensor(const Tensor&, const Tensor&)>;

struct NamedOp {
  const char* name;
  BinaryOp op;
  bool no_bool;  // sub and an alpha other than 1 reject bool
};

std::vector<NamedOp> binary_ops() {
  return {
      {"add", [](const Tensor& a, const Tensor& b) { return a + b; }, false},
      {"add_alpha", [](const Tensor& a, const Tensor& b) { return add(a, b, 3); }, true},
      {"sub", [](const Tensor& a, const Tensor& b) { return a - b; }, true},
      {"mul", [](const Tensor& a, const Tensor& b) { return a * b; }, false},
      {"div", [](const Tensor& a, const Tensor& b) { return a / b; }, false},
  };
}

// Pairs of operand layouts: (a, b) views built from fresh host tensors.
struct Layout {
  const char* name;
  std::function<std::pair<Tensor, Tensor>(Dtype)> make;
};

std::vector<Layout> layouts() {
  return {
      {"contiguous",
       [](Dtype d) {
         return std::pair{random({1031}, d, 1), random({1031}, d, 2)};
       }},
      {"vector-multiple",
       [](Dtype d) {
         return std::pair{random({4096}, d, 1), random({4096}, d, 2)};
       }},
      {"0-d",
       [](Dtype d) {
         return std::pair{random({}, d, 1), random({}, d, 2)};
       }},
      {"empty",
       [](Dtype d) {
         return std::pair{random({0, 3}, d, 1), random({0, 3}, d, 2)};
       }},
      {"broadcast",
       [](Dtype d) {
         return std::pair{random({7, 1, 5}, d, 1), random({3, 5}, d, 2)};
       }},
      {"transposed",
       [](Dtype d) {
         return std::pair{random({33, 17}, d, 1).t(), random({17, 33}, d, 2)};
       }},
      {"misaligned",
       [](Dtype d) {
         return std::pair{random({1001}, d, 1).slice(0, 1), random({1001}, d, 2).slice(0, 0, 1000)};
       }},
      {"stepped",
       [](Dtype d) {
         return std::pair{random({90, 8}, d, 1).slice(0, 0, 90, 3), random({30, 8}, d, 2)};
       }},
      {"expanded",
       [](Dtype d) {
         return std::pair{random({6}, d, 1).expand({4, 6}), random({4, 6}, d, 2)};
       }},
  };
}

TEST(CudaElementwise, BinaryOpsMatchTheCpuForEveryDtypeAndLayout) {
  EMBER_REQUIRE_CUDA();
  for (const NamedOp& op : binary_ops()) {
    for (Dtype d : all_dtypes()) {
      if (op.no_bool && d == kBool) continue;
      for (const Layout& l : layouts()) {
        // Division by zero gives inf or nan on both devices (IEEE, after promotion).
        const auto [a, b] = l.make(d);
        const Tensor expected = op.op(a, b);
        const Tensor actual = op.op(a.cuda(), b.cuda());
        EXPECT_TRUE(same_on_both(actual, expected)) << op.name << " " << d << " " << l.name;
      }
    }
  }
}

TEST(CudaElementwise, NumbersAndHostScalarsAsOperands) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    const Tensor h = random({257}, d, 3);
    const Tensor c = h.cuda();
    if (d != kBool) {
      EXPECT_TRUE(same_on_both(c + 3, h + 3)) << d;
      EXPECT_TRUE(same_on_both(c - 2, h - 2)) << d;
      EXPECT_TRUE(same_on_both(5 - c, 5 - h)) << d;
      EXPECT_TRUE(same_on_both(c * 2.5, h * 2.5)) << d;
      EXPECT_TRUE(same_on_both(c / 4, h / 4)) << d;
      EXPECT_TRUE(same_on_both(1.5 / (c.to(kDouble) + 100.0), 1.5 / (h.to(kDouble) + 100.0))) << d;
      EXPECT_TRUE(same_on_both(add(c, 7, 2), add(h, 7, 2))) << d;
    }
    EXPECT_TRUE(same_on_both(c * true, h * true)) << d;
    // A 0-d host tensor joins a device op as a wrapped number (read on the host).
    const Tensor s = random({}, d, 4);
    EXPECT_TRUE(same_on_both(c * s, h * s)) << d;
    EXPECT_TRUE(same_on_both(s * c, s * h)) << d;
    EXPECT_TRUE(same_on_both(c + s.cuda(), h + s)) << d;  // 0-d on the device: broadcast
  }
  // Promotion with a 0-d host double: the device tensor's dtype wins within its category.
  const Tensor f = random({100}, kFloat, 5);
  const Tensor r = f.cuda() * tensor(2.0, kDouble);
  EXPECT_EQ(r.dtype(), kFloat);
  EXPECT_TRUE(same_on_both(r, f * tensor(2.0, kDouble)));
  // A dimensioned host tensor does not.
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)(f.cuda() * f); }, "same device"));
}

TEST(CudaElementwise, TypePromotion) {
  EMBER_REQUIRE_CUDA();
  const Tensor i8 = random({50}, kChar, 1), i64 = random({50}, kLong, 2);
  const Tensor f16 = random({50}, kHalf, 3), f64 = random({50}, kDouble, 4);
  const Tensor b = random({50}, kBool, 5);
  const std::vector<std::pair<Tensor, Tensor>> pairs = {{i8, i64},
                                                        {i8, f16},
                                                        {f16, f64},
                                                        {b, i8},
                                                        {b, b},
                                                        {i64, f64},
                                                        {random({50}, kBFloat16, 6), f16}};
  for (const auto& [x, y] : pairs) {
    EXPECT_TRUE(same_on_both(x.cuda() + y.cuda(), x + y)) << x.dtype() << " + " << y.dtype();
    EXPECT_TRUE(same_on_both(x.cuda() * y.cuda(), x * y)) << x.dtype() << " * " << y.dtype();
    EXPECT_TRUE(same_on_both(x.cuda() / y.cuda().add(100), x / y.add(100)))
        << x.dtype() << " / " << y.dtype();
  }
}

TEST(CudaElementwise, InPlaceForms) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : {kFloat, kHalf, kInt, kDouble, kBFloat16, kByte}) {
    Tensor h = random({64, 48}, d, 1);
    Tensor c = h.cuda();
    const Tensor other = random({48}, d, 2);  // broadcast along rows
    h.add_(other, 2);
    c.add_(other.cuda(), 2);
    EXPECT_TRUE(same_on_both(c, h)) << d;
    h.mul_(other);
    c.mul_(other.cuda());
    EXPECT_TRUE(same_on_both(c, h)) << d;
    h.sub_(3);
    c.sub_(3);
    EXPECT_TRUE(same_on_both(c, h)) << d;
    h *= tensor(2, d);  // 0-d host tensor
    c *= tensor(2, d);
    EXPECT_TRUE(same_on_both(c, h)) << d;
    if (is_floating_type(d)) {
      h.div_(7.0);
      c.div_(7.0);
      EXPECT_TRUE(same_on_both(c, h)) << d;
    }
    // In place through a transposed view.
    Tensor ht = h.t(), ct = c.t();
    ht.add_(1);
    ct.add_(1);
    EXPECT_TRUE(same_on_both(c, h)) << d;
  }
  Tensor i = ones({4}, TensorOptions().device(gpu()).dtype(kInt));
  EXPECT_TRUE(ember_test::throws_error_with([&] { i.div_(2); }, "can't be cast"));
  const uint32_t v = i._version();
  i.add_(1);
  EXPECT_GT(i._version(), v);
}

TEST(CudaElementwise, ManyDimensionsAndLargeTensors) {
  EMBER_REQUIRE_CUDA();
  // Alternating broadcast dims do not coalesce: 20 iteration dims, split over launches.
  std::vector<int64_t> sa(20, 1), sb(20, 1);
  for (int d = 0; d < 20; ++d) (d % 2 ? sa : sb)[d] = 2;
  const Tensor a = random(sa, kFloat, 1), b = random(sb, kFloat, 2);
  EXPECT_TRUE(same_on_both(a.cuda() + b.cuda(), a + b));
  EXPECT_TRUE(same_on_both(a.cuda() * b.cuda().to(kDouble), a * b.to(kDouble)));
  const Tensor big = random({3, 1 << 22}, kFloat, 3);
  EXPECT_TRUE(same_on_both(big.cuda() * 0.5 + big.cuda(), big * 0.5 + big));
}

// The contiguous kernel's grid-stride loop: a tile is 256 threads x 4 vectors of 16 bytes,
// blocks take several tiles when there are more than the device holds, the last tile is
// partial; operands offset by a few elements are either still aligned (whole vectors) or take
// the strided kernel. Every element must be written once, with the CPU's value.
TEST(CudaElementwise, ContiguousKernelTilesTailsAndOffsets) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : {kFloat, kHalf, kBFloat16, kDouble, kChar, kLong}) {
    for (int64_t n : {1, 7, 4095, 4096, 4097, 16384 + 3, (1 << 20) + 5, (1 << 24) + 4097}) {
      if (n > (1 << 20) && d != kFloat && d != kHalf) continue;
      const Tensor a = random({n + 8}, d, 1), b = random({n + 8}, d, 2);
      const Tensor ag = a.cuda(), bg = b.cuda();
      for (int64_t offset : {0, 1, 8}) {
        const Tensor av = a.slice(0, offset, offset + n), bv = b.slice(0, 0, n);
        const Tensor agv = ag.slice(0, offset, offset + n), bgv = bg.slice(0, 0, n);
        EXPECT_TRUE(same_on_both(agv + bgv, av + bv)) << d << " n " << n << " offset " << offset;
        Tensor in_place = agv.clone();
        in_place.mul_(bgv);
        EXPECT_TRUE(same_on_both(in_place, av * bv)) << d << " n " << n << " offset " << offset;
        EXPECT_TRUE(same_on_both(agv.neg(), av.neg())) << d << " n " << n << " offset " << offset;
      }
    }
  }
}

TEST(CudaElementwise, HugeTensorsUse64BitOffsets) {
  EMBER_REQUIRE_CUDA();
  // 2^31 + 4097 bytes: beyond 32-bit indexing; split into several launches.
  const int64_t n = (int64_t(1) << 31) + 4097;
  Tensor t;
  try {
    t = zeros({n}, TensorOptions().device(gpu()).dtype(kByte));
  } catch (const Error&) {
    GTEST_SKIP() << "not enough GPU memory";
  }
  t.add_(3);
  t.slice(0, n - 5).fill_(7);
  const Tensor sum = t.sum();
  EXPECT_EQ(sum.item<int64_t>(), 3 * (n - 5) + 7 * 5);
  EXPECT_EQ(t[n - 1].item<int64_t>(), 7);
  EXPECT_EQ(t[(int64_t(1) << 31) + 1].item<int64_t>(), 3);
  const Tensor half_view = t.slice(0, 1, n, 2);  // strided: odd elements
  EXPECT_EQ(half_view.sum().item<int64_t>(), 3 * ((n - 1) / 2 - 2) + 7 * 2);
}

TEST(CudaElementwise, FillAndZero) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    Tensor c = random({37, 29}, d, 1).cuda();
    Tensor h = c.cpu();
    c.fill_(1);
    h.fill_(1);
    EXPECT_TRUE(same_on_both(c, h)) << d;
    c.t().slice(0, 1, 29, 3).fill_(0);  // strided view; zero bytes
    h.t().slice(0, 1, 29, 3).fill_(0);
    EXPECT_TRUE(same_on_both(c, h)) << d;
    c.zero_();
    EXPECT_TRUE(same_on_both(c, zeros({37, 29}, d))) << d;
    if (d != kBool) {
      c.fill_(tensor(5, d).cuda());  // 0-d device value: stays on the device
      EXPECT_TRUE(same_on_both(c, full({37, 29}, 5, d))) << d;
      c.fill_(tensor(6, d));  // 0-d host value
      EXPECT_TRUE(same_on_both(c, full({37, 29}, 6, d))) << d;
    }
  }
  Tensor e = zeros({3}, gpu()).expand({4, 3});
  e.fill_(2.5);  // expanded: each location once
  EXPECT_TRUE(same_on_both(e, full({4, 3}, 2.5f)));
  Tensor i8 = zeros({2}, TensorOptions().device(gpu()).dtype(kChar));
  EXPECT_TRUE(ember_test::throws_error_with([&] { i8.fill_(1000); }, "without overflow"));
}

}  // namespace
