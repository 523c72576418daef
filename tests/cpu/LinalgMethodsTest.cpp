// The top-level linear-algebra functions and Tensor methods libtorch has beside torch::linalg
// (inverse, det, logdet, slogdet, cholesky(upper), qr(some), svd(some, compute_uv),
// pinverse, matrix_power, cross, kron) against PyTorch's values
// (tests/reference/gen_linalg_methods.py writes reference/linalg_methods_data.inc) and errors.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"
#include "core/KernelTable.h"

namespace {

using ember::kDouble;
using ember::Tensor;

using ember_test::RefTensor;

#include "reference/linalg_methods_data.inc"

#define REQUIRE_LAPACK()                                                         \
  if (!ember::detail::has_kernel(ember::detail::Kernel::lu_factor, ember::kCPU)) \
  GTEST_SKIP() << "built without LAPACK"

::testing::AssertionResult close_to(const Tensor& actual, const RefTensor& expected,
                                    double tol = 1e-10) {
  return ember_test::tensors_close(actual, expected.tensor(), tol, tol);
}

TEST(LinalgMethods, LuBasedMethodsMatchPyTorch) {
  REQUIRE_LAPACK();
  const Tensor A = kA.tensor();
  EXPECT_TRUE(close_to(A.inverse(), kInverse));
  EXPECT_TRUE(close_to(ember::inverse(A), kInverse));
  EXPECT_TRUE(close_to(A.det(), kDet));
  EXPECT_TRUE(close_to(ember::det(A), kDet));
  // logdet is NaN for the batch element with a negative determinant.
  const Tensor logdet = A.logdet();
  EXPECT_TRUE(std::isnan(kLogdet.values[1]));
  EXPECT_TRUE(std::isnan(logdet[1].item<double>()));
  EXPECT_NEAR(logdet[0].item<double>(), kLogdet.values[0], 1e-10);
  auto [sign, logabs] = A.slogdet();
  EXPECT_TRUE(close_to(sign, kSlogdetSign));
  EXPECT_TRUE(close_to(logabs, kSlogdetLogabs));
  EXPECT_TRUE(close_to(A.matrix_power(3), kPow3));
  EXPECT_TRUE(close_to(A.matrix_power(-2), kPowMinus2));
  EXPECT_TRUE(close_to(ember::matrix_power(A, 0), kPow0));
}

TEST(LinalgMethods, CholeskyQrSvdPinverseMatchPyTorch) {
  REQUIRE_LAPACK();
  const Tensor S = kSpd.tensor();
  EXPECT_TRUE(close_to(S.cholesky(), kCholLower));
  EXPECT_TRUE(close_to(S.cholesky(true), kCholUpper));
  EXPECT_TRUE(close_to(ember::cholesky(S, true), kCholUpper));

  const Tensor M = kM.tensor();
  auto [q, r] = M.qr();
  EXPECT_EQ(q.sizes(), (std::vector<int64_t>{4, 3}));
  EXPECT_TRUE(close_to(r, kQrReducedR));
  EXPECT_TRUE(ember_test::tensors_close(ember::matmul(q, r), M, 1e-10, 1e-10));
  auto [qc, rc] = ember::qr(M, false);
  EXPECT_TRUE(close_to(qc, kQrCompleteQ));
  EXPECT_TRUE(close_to(rc, kQrCompleteR));

  // torch.svd returns V (A = U diag(S) V^T), not linalg.svd's Vh.
  auto [U, Sv, V] = M.svd();
  EXPECT_EQ(U.sizes(), (std::vector<int64_t>{4, 3}));
  EXPECT_EQ(V.sizes(), (std::vector<int64_t>{3, 3}));
  EXPECT_TRUE(close_to(Sv, kSvdS));
  EXPECT_TRUE(ember_test::tensors_close(ember::matmul(U * Sv, V.transpose(0, 1)), M, 1e-10, 1e-10));
  auto [Uf, Sf, Vf] = ember::svd(M, false);
  EXPECT_EQ(Uf.sizes(), (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(Vf.sizes(), (std::vector<int64_t>{3, 3}));
  EXPECT_TRUE(close_to(Sf, kSvdS));
  // Without compute_uv: zero U (m x m) and V (n x n) whatever `some` says.
  auto [Uz, Sz, Vz] = M.transpose(0, 1).svd(true, false);
  EXPECT_EQ(Uz.sizes(), (std::vector<int64_t>{3, 3}));
  EXPECT_EQ(Vz.sizes(), (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(Uz.abs().sum().item<double>(), 0.0);
  EXPECT_EQ(Vz.abs().sum().item<double>(), 0.0);
  EXPECT_TRUE(close_to(Sz, kSvdS));

  EXPECT_TRUE(close_to(M.pinverse(), kPinverse));
  EXPECT_TRUE(close_to(ember::pinverse(M, 0.5), kPinverseRcond));
}

TEST(LinalgMethods, CrossAndKronMatchPyTorch) {
  const Tensor x = kCrossX.tensor(), y = kCrossY.tensor();
  EXPECT_TRUE(close_to(x.cross(y, 1), kCross));
  // Without a dim: the first of size 3.
  EXPECT_TRUE(close_to(x.transpose(0, 1).cross(y.transpose(0, 1)), kCrossDefault));
  EXPECT_TRUE(close_to(kKronA.tensor().kron(kKronB.tensor()), kKron));
}

TEST(LinalgMethods, SvdKeepsTheGradientOfTheFactors) {
  REQUIRE_LAPACK();
  const Tensor M = kM.tensor().requires_grad_();
  auto [U, S, V] = M.svd();
  // sum(U S V^T) = sum(M): its gradient is all ones whatever the signs of the vectors.
  ember::matmul(U * S, V.transpose(0, 1)).sum().backward();
  EXPECT_TRUE(ember_test::tensors_close(M.grad(), ember::ones_like(M), 1e-9, 1e-9));
}

TEST(LinalgMethods, ErrorsAsPyTorch) {
  using ember_test::throws_error_with;
  const Tensor rect = ember::zeros({2, 3}, ember::dtype(kDouble));
  EXPECT_TRUE(throws_error_with(
      [&] { rect.inverse(); },
      "linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices"));
  EXPECT_TRUE(throws_error_with([&] { ember::ones({3}).det(); },
                                "linalg.det: The input tensor A must have at least 2 dimensions."));
  EXPECT_TRUE(throws_error_with(
      [&] { ember::ones({3}).svd(); },
      "linalg.svd: input should have at least 2 dimensions, but has 1 dimensions instead"));
  EXPECT_TRUE(throws_error_with(
      [&] { rect.matrix_power(2); },
      "linalg.matrix_power: A must be batches of square matrices, but they are 2 by 3 matrices"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::ones({2, 2}).cross(ember::ones({2, 2}));
      },
      "no dimension of size 3 in input"));
  if (!ember::detail::has_kernel(ember::detail::Kernel::lu_factor, ember::kCPU)) return;
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::zeros({3, 3}).inverse();
      },
      "linalg.inv: The diagonal element 1 is zero, the inversion could "
      "not be completed because the input matrix is singular."));
  EXPECT_TRUE(throws_error_with([] { (-ember::eye(3)).cholesky(); },
                                "linalg.cholesky: The factorization could not be completed "
                                "because the input is not positive-definite (the leading minor "
                                "of order 1 is not positive-definite)."));
}

}  // namespace
