// ember::linalg on the GPU against the CPU: the composites (einsum, tensordot, kron, cross,
// vector and elementwise matrix norms, matrix_power) run on CUDA through their pieces; the
// factorizations have no CUDA kernels yet and must say so with PyTorch-style errors.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::gpu;
using ember_cuda_test::random;

::testing::AssertionResult matches_cpu(const Tensor& cuda_result, const Tensor& cpu_result) {
  return ember_test::tensors_close(cuda_result.cpu(), cpu_result, 1e-5, 1e-5);
}

TEST(CudaLinalg, CompositesMatchTheCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor p = random({2, 3, 4}, kFloat, 1, -1, 1), q = random({2, 4, 5}, kFloat, 2, -1, 1);
  const Tensor sq = random({3, 3}, kFloat, 3, -1, 1);
  EXPECT_TRUE(
      matches_cpu(einsum("bij,bjk->bik", {p.cuda(), q.cuda()}), einsum("bij,bjk->bik", {p, q})));
  EXPECT_TRUE(matches_cpu(einsum("ii->i", {sq.cuda()}), einsum("ii->i", {sq})));
  EXPECT_TRUE(
      matches_cpu(einsum("...ij,jk", {p.cuda(), q[0].cuda()}), einsum("...ij,jk", {p, q[0]})));
  EXPECT_TRUE(
      matches_cpu(tensordot(p.cuda(), q.cuda(), {0, 2}, {0, 1}), tensordot(p, q, {0, 2}, {0, 1})));
  EXPECT_TRUE(matches_cpu(kron(sq.cuda(), p[0].cuda()), kron(sq, p[0])));
  const Tensor c1 = random({4, 3}, kFloat, 4, -1, 1), c2 = random({4, 3}, kFloat, 5, -1, 1);
  EXPECT_TRUE(matches_cpu(linalg::cross(c1.cuda(), c2.cuda()), linalg::cross(c1, c2)));
  EXPECT_TRUE(matches_cpu(linalg::vector_norm(p.cuda(), 3, {-1}), linalg::vector_norm(p, 3, {-1})));
  EXPECT_TRUE(matches_cpu(linalg::matrix_norm(p.cuda(), 1), linalg::matrix_norm(p, 1)));
  EXPECT_TRUE(matches_cpu(linalg::matrix_norm(p.cuda()), linalg::matrix_norm(p)));
  EXPECT_TRUE(matches_cpu(linalg::matrix_power(sq.cuda(), 5), linalg::matrix_power(sq, 5)));
}

TEST(CudaLinalg, FactorizationsSayTheyAreNotImplemented) {
  EMBER_REQUIRE_CUDA();
  const Tensor a = (random({3, 3}, kFloat, 6, -1, 1) + eye(3) * 3).cuda();
  EXPECT_TRUE(ember_test::throws_error_with([&] { linalg::inv(a); },
                                            "linalg.inv: not implemented for Float on cuda"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { linalg::cholesky(a); },
                                            "linalg.cholesky: not implemented for Float on cuda"));
  EXPECT_TRUE(ember_test::throws_error_with([&] { linalg::svd(a); },
                                            "linalg.svd: not implemented for Float on cuda"));
}

}  // namespace
