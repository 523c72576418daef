// The gradient of linalg.det at singular matrices: the cofactor matrix, which PyTorch takes
// through the SVD there (the values below are PyTorch's, from torch.autograd.grad with
// create_graph=True), and at nonsingular ones through a solve; both paths in one batch.

#include <gtest/gtest.h>

#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"
#include "core/KernelTable.h"

namespace {

using ember::kDouble;
using ember::Tensor;

bool has_lapack() {
  return ember::detail::has_kernel(ember::detail::Kernel::lu_factor, ember::kCPU);
}

Tensor matrix(const std::vector<double>& values, std::vector<int64_t> shape) {
  return ember::tensor(values, ember::dtype(kDouble)).reshape(shape);
}

Tensor det_grad(const Tensor& A, const Tensor& weight, bool create_graph) {
  const Tensor a = A.detach().requires_grad_();
  const Tensor d = ember::linalg::det(a);
  return ember::autograd::grad({d}, {a}, {weight}, std::nullopt, create_graph)[0];
}

TEST(LinalgDetGradient, RankDeficientMatricesGiveTheCofactorMatrix) {
  if (!has_lapack()) GTEST_SKIP() << "built without LAPACK";
  // Rank 2 of 3: the cofactor matrix is rank one and nonzero.
  const Tensor B = matrix({1, 2, 3, 2, 4, 6, 0, 1, 5}, {3, 3});
  const Tensor expected = matrix({14, -10, 2, -7, 5, -1, 0, 0, 0}, {3, 3});
  for (bool create_graph : {false, true}) {
    const Tensor g = det_grad(B, ember::ones({}, ember::dtype(kDouble)), create_graph);
    EXPECT_TRUE(ember_test::tensors_close(g, expected, 1e-12, 1e-12)) << g;
  }
  // Rank 1 of 3: every 2x2 minor vanishes.
  const Tensor C = matrix({1, 0, 0, 0, 0, 0, 0, 0, 0}, {3, 3});
  EXPECT_TRUE(ember_test::tensors_close(det_grad(C, ember::ones({}, ember::dtype(kDouble)), false),
                                        ember::zeros({3, 3}, ember::dtype(kDouble)), 0, 1e-14));
}

TEST(LinalgDetGradient, MixedBatchTakesEachMatrixsPath) {
  if (!has_lapack()) GTEST_SKIP() << "built without LAPACK";
  const Tensor A = matrix({1, 2, 2, 4, 2, 1, 1, 3}, {2, 2, 2});
  const Tensor weight = ember::tensor(std::vector<double>{1.5, -0.5}, ember::dtype(kDouble));
  const Tensor expected = matrix({6, -3, -3, 1.5, -1.5, 0.5, 0.5, -1}, {2, 2, 2});
  EXPECT_TRUE(ember_test::tensors_close(det_grad(A, weight, false), expected, 1e-12, 1e-12));
}

TEST(LinalgDetGradient, GradcheckAtASingularMatrix) {
  if (!has_lapack()) GTEST_SKIP() << "built without LAPACK";
  // det is a polynomial: its first derivative is smooth through the singular set.
  const Tensor A = matrix({1, 2, 3, 2, 4, 6, 0, 1, 5}, {3, 3}).requires_grad_();
  const auto det = [](const ember::autograd::variable_list& x) {
    return ember::autograd::variable_list{ember::linalg::det(x[0])};
  };
  EXPECT_TRUE(ember::autograd::gradcheck(det, {A}));
}

}  // namespace
