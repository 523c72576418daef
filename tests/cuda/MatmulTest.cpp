// Matrix products on the GPU (cuBLAS) against the CPU backend: mm, bmm, matmul in its forms,
// addmm, mv, dot, for float32, float64, float16 and bfloat16; transposed, sliced and
// broadcast operands, empty dimensions, alpha/beta, TF32 and the integer error.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <array>
#include <cmath>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::floating_dtypes;
using ember_cuda_test::gpu;
using ember_cuda_test::random;

// Products sum K terms in different orders (cuBLAS may also reduce the half types in reduced
// precision, as PyTorch allows by default). Operands lie in [-1, 1), so the terms' magnitudes
// add up to about K / 4: the accumulated error is bounded by the unit roundoff times that,
// and the outputs may differ by one rounding of the result type.
::testing::AssertionResult close_product(const Tensor& cuda_result, const Tensor& cpu_result,
                                         int64_t k) {
  const Dtype d = cpu_result.dtype();
  const double unit = d == kDouble ? 1.1e-16 : d == kFloat ? 6e-8 : d == kHalf ? 4.9e-4 : 3.9e-3;
  const double magnitude = 0.25 * static_cast<double>(std::max<int64_t>(k, 1));
  const bool reduced = d == kHalf || d == kBFloat16;
  const double atol = unit * magnitude * (reduced ? 1.0 : 8.0) + 1e-30;
  return ember_test::tensors_close(cuda_result.cpu(), cpu_result, 2 * unit, atol);
}

TEST(CudaMatmul, MmMatchesTheCpu) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : floating_dtypes()) {
    for (auto [m, k, n] : std::vector<std::array<int64_t, 3>>{
             {1, 1, 1}, {7, 13, 5}, {64, 64, 64}, {129, 255, 33}, {1, 300, 1}, {300, 1, 200}}) {
      const Tensor a = random({m, k}, d, 1, -1, 1), b = random({k, n}, d, 2, -1, 1);
      EXPECT_TRUE(close_product(a.cuda().mm(b.cuda()), a.mm(b), k))
          << d << " " << m << "x" << k << "x" << n;
      // Transposed operands (read as-is by cuBLAS) and a sliced one (leading dim > extent).
      const Tensor at = random({k, m}, d, 3, -1, 1).t();
      const Tensor bs = random({k, n + 7}, d, 4, -1, 1).slice(1, 3, n + 3);
      EXPECT_TRUE(close_product(at.cuda().mm(bs.cuda()), at.mm(bs), k)) << d;
      const Tensor bt = random({n, k}, d, 5, -1, 1).t();
      EXPECT_TRUE(close_product(a.cuda().mm(bt.cuda()), a.mm(bt), k)) << d;
      // Neither row- nor column-major (a step along both dims): copied first.
      const Tensor odd =
          random({2 * m, 2 * k}, d, 6, -1, 1).slice(0, 0, 2 * m, 2).slice(1, 0, 2 * k, 2);
      EXPECT_TRUE(close_product(odd.cuda().mm(b.cuda()), odd.mm(b), k)) << d;
    }
  }
}

TEST(CudaMatmul, BatchedAndBroadcastForms) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : floating_dtypes()) {
    const Tensor a = random({4, 17, 9}, d, 1, -1, 1), b = random({4, 9, 11}, d, 2, -1, 1);
    EXPECT_TRUE(close_product(a.cuda().bmm(b.cuda()), a.bmm(b), 9)) << d;
    EXPECT_TRUE(close_product(a.cuda().transpose(1, 2).bmm(a.cuda()), a.transpose(1, 2).bmm(a), 17))
        << d;
    // Broadcast batch dims: [2, 1, 5, 6] @ [3, 6, 4] -> [2, 3, 5, 4].
    const Tensor x = random({2, 1, 5, 6}, d, 3, -1, 1), y = random({3, 6, 4}, d, 4, -1, 1);
    EXPECT_TRUE(close_product(x.cuda().matmul(y.cuda()), x.matmul(y), 6)) << d;
    // Batched matrix times a plain matrix, vector forms, dot.
    const Tensor m2 = random({9, 3}, d, 5, -1, 1), v = random({9}, d, 6, -1, 1);
    EXPECT_TRUE(close_product(a.cuda().matmul(m2.cuda()), a.matmul(m2), 9)) << d;
    EXPECT_TRUE(close_product(a.cuda().matmul(v.cuda()), a.matmul(v), 9)) << d;
    EXPECT_TRUE(close_product(v.cuda().matmul(b.cuda()), v.matmul(b), 9)) << d;
    EXPECT_TRUE(close_product(m2.t().cuda().mv(v.cuda()), m2.t().mv(v), 9)) << d;
    EXPECT_TRUE(close_product(v.cuda().dot(v.cuda()), v.dot(v), 9)) << d;
    EXPECT_TRUE(close_product(v.cuda().matmul(v.cuda()), v.matmul(v), 9)) << d;
  }
}

TEST(CudaMatmul, AddmmAlphaBetaAndEmptyDims) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : floating_dtypes()) {
    const Tensor self = random({6, 8}, d, 1, -1, 1), bias = random({8}, d, 2, -1, 1);
    const Tensor a = random({6, 5}, d, 3, -1, 1), b = random({5, 8}, d, 4, -1, 1);
    EXPECT_TRUE(close_product(self.cuda().addmm(a.cuda(), b.cuda()), self.addmm(a, b), 5)) << d;
    EXPECT_TRUE(close_product(bias.cuda().addmm(a.cuda(), b.cuda(), 0.5, 2.0),
                              bias.addmm(a, b, 0.5, 2.0), 5))
        << d;
    // beta = 0 ignores self, NaN included.
    const Tensor nan_self = full({6, 8}, NAN, d);
    EXPECT_TRUE(close_product(nan_self.cuda().addmm(a.cuda(), b.cuda(), 0, 1), a.mm(b), 5)) << d;
    // K = 0: an empty sum.
    const Tensor e1 = random({6, 0}, d, 5), e2 = random({0, 8}, d, 6);
    EXPECT_TRUE(ember_test::tensors_equal(e1.cuda().mm(e2.cuda()).cpu(), zeros({6, 8}, d))) << d;
    EXPECT_TRUE(close_product(self.cuda().addmm(e1.cuda(), e2.cuda(), 3, 1), self * 3, 1)) << d;
    // M = 0 or N = 0: empty results.
    EXPECT_EQ(random({0, 5}, d, 7).cuda().mm(b.cuda()).sizes(), IntArrayRef({0, 8}));
    EXPECT_EQ(a.cuda().mm(random({5, 0}, d, 8).cuda()).sizes(), IntArrayRef({6, 0}));
  }
}

TEST(CudaMatmul, Tf32IsOffByDefaultAndSwitchable) {
  EMBER_REQUIRE_CUDA();
  EXPECT_FALSE(cuda::allow_tf32());
  const Tensor a = random({256, 512}, kFloat, 1, -1, 1), b = random({512, 128}, kFloat, 2, -1, 1);
  const Tensor strict = a.cuda().mm(b.cuda());
  EXPECT_TRUE(close_product(strict, a.mm(b), 512));
  cuda::set_allow_tf32(true);
  const Tensor fast = a.cuda().mm(b.cuda());
  cuda::set_allow_tf32(false);
  // TF32 keeps 10 mantissa bits: close, within its own precision.
  EXPECT_TRUE(ember_test::tensors_close(fast.cpu(), a.mm(b), 2e-2, 2e-2));
  EXPECT_FALSE(cuda::allow_tf32());
}

TEST(CudaMatmul, UnsupportedDtypesAndShapesAreClearErrors) {
  EMBER_REQUIRE_CUDA();
  const Tensor i = ones({3, 3}, TensorOptions().device(gpu()).dtype(kLong));
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)i.mm(i); }, "not implemented for"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)i.mm(i); }, "cuda"));
  const Tensor f = ones({3, 4}, gpu());
  EXPECT_TRUE(ember_test::throws_error_with([&] { (void)f.mm(f); }, "cannot be multiplied"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        (void)f.mm(ones({4, 2}, kHalf).cuda());
      },
      "same dtype"));
}

}  // namespace
