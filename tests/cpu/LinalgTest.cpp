// ember::linalg, einsum, tensordot, kron and cross against PyTorch's values and gradients
// (tests/reference/gen_linalg.py writes reference/linalg_data.inc), and PyTorch's errors.
// Without LAPACK the factorizations must throw "needs LAPACK": those tests check that instead.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"
#include "core/KernelTable.h"
#include "core/ops/LinalgOps.h"

namespace {

using ember::kDouble;
using ember::kFloat;
using ember::Tensor;

using ember_test::RefTensor;

#include "reference/linalg_data.inc"

bool has_lapack() {
  return ember::detail::has_kernel(ember::detail::Kernel::lu_factor, ember::kCPU);
}

#define REQUIRE_LAPACK() \
  if (!has_lapack()) GTEST_SKIP() << "built without LAPACK (see NoLapack tests)"

::testing::AssertionResult close_to(const Tensor& actual, const RefTensor& expected,
                                    double tol = 1e-10) {
  return ember_test::tensors_close(actual.to(kDouble), expected.tensor(), tol, tol);
}

// The gradient of sum(weights[i] * outputs[i]) with respect to `input`.
Tensor grad_of(const std::function<std::vector<Tensor>(const Tensor&)>& f, const Tensor& input,
               const std::vector<Tensor>& weights) {
  const Tensor x = input.detach().requires_grad_();
  const std::vector<Tensor> outs = f(x);
  Tensor loss = ember::zeros({}, ember::dtype(kDouble));
  for (size_t i = 0; i < outs.size(); ++i) {
    if (weights[i].defined()) loss = loss + (outs[i] * weights[i]).sum();
  }
  loss.backward();
  return x.grad();
}

TEST(Linalg, InverseSolveDetSlogdetMatchPyTorch) {
  REQUIRE_LAPACK();
  const Tensor A = kA.tensor();
  EXPECT_TRUE(close_to(ember::linalg::inv(A), kInvA));
  EXPECT_TRUE(close_to(ember::inverse(A), kInvA));
  EXPECT_TRUE(close_to(ember::linalg::inv(A.to(kFloat)), kInvA, 1e-5));
  EXPECT_TRUE(close_to(ember::linalg::det(A), kDetA));
  auto [sign, logabs] = ember::linalg::slogdet(A);
  EXPECT_TRUE(close_to(sign, kSlogdetSign));
  EXPECT_TRUE(close_to(logabs, kSlogdetLogabs));
  EXPECT_TRUE(close_to(ember::linalg::solve(A, kB.tensor()), kSolveAB));
  EXPECT_TRUE(close_to(ember::linalg::solve(A, kb.tensor()), kSolveVector));
  EXPECT_TRUE(close_to(ember::linalg::solve(A, kBl.tensor(), false), kSolveRight));
  // logdet: NaN for the negative determinant.
  const Tensor logdet = ember::logdet(A);
  EXPECT_NEAR(logdet[0].item<double>(), kSlogdetLogabs.values[0], 1e-10);
  EXPECT_TRUE(std::isnan(logdet[1].item<double>()));
}

TEST(Linalg, InverseSolveDetGradientsMatchPyTorch) {
  REQUIRE_LAPACK();
  const Tensor A = kA.tensor();
  EXPECT_TRUE(
      close_to(grad_of([](const Tensor& a) { return std::vector<Tensor>{ember::linalg::inv(a)}; },
                       A, {kW33.tensor()}),
               kInvGrad, 1e-9));
  EXPECT_TRUE(
      close_to(grad_of([](const Tensor& a) { return std::vector<Tensor>{ember::linalg::det(a)}; },
                       A, {kWdet.tensor()}),
               kDetGrad, 1e-9));
  EXPECT_TRUE(close_to(grad_of(
                           [](const Tensor& a) {
                             return std::vector<Tensor>{std::get<1>(ember::linalg::slogdet(a))};
                           },
                           A, {kWdet.tensor()}),
                       kSlogdetGrad, 1e-9));
  const Tensor a = A.detach().requires_grad_();
  const Tensor b = kB.tensor().requires_grad_();
  (ember::linalg::solve(a, b) * kW32.tensor()).sum().backward();
  EXPECT_TRUE(close_to(a.grad(), kSolveGradA, 1e-9));
  EXPECT_TRUE(close_to(b.grad(), kSolveGradB, 1e-9));
  EXPECT_EQ(ember::linalg::solve(a, b).grad_fn()->name(), "LinalgSolveExBackward0");
  EXPECT_EQ(ember::linalg::inv(a).grad_fn()->name(), "LinalgInvExBackward0");
}

TEST(Linalg, FactorizationsMatchPyTorch) {
  REQUIRE_LAPACK();
  const Tensor S = kSpd.tensor();
  EXPECT_TRUE(close_to(ember::linalg::cholesky(S), kCholL));
  EXPECT_TRUE(close_to(ember::linalg::cholesky(S, true), kCholU));
  EXPECT_TRUE(close_to(ember::cholesky(S.to(kFloat)), kCholL, 1e-5));
  EXPECT_TRUE(close_to(
      grad_of([](const Tensor& a) { return std::vector<Tensor>{ember::linalg::cholesky(a)}; }, S,
              {kW33.tensor()}),
      kCholGrad, 1e-9));
  struct QrCase {
    const RefTensor& M;
    const RefTensor &Q, &R, &Qc, &Rc, &WQ, &WR, &grad, &S, &U, &Vh, &pinv, &Ws, &svd_grad,
        &pinv_grad;
  };
  for (const QrCase& c :
       {QrCase{kTall, kQrTallQ, kQrTallR, kQrCTallQ, kQrCTallR, kWTallQ, kWTallR, kQrGradTall,
               kSvdTallS, kSvdTallU, kSvdTallVh, kPinvTall, kWsTall, kSvdGradTall, kPinvGradTall},
        QrCase{kWide, kQrWideQ, kQrWideR, kQrCWideQ, kQrCWideR, kWWideQ, kWWideR, kQrGradWide,
               kSvdWideS, kSvdWideU, kSvdWideVh, kPinvWide, kWsWide, kSvdGradWide,
               kPinvGradWide}}) {
    const Tensor M = c.M.tensor();
    auto [Q, R] = ember::linalg::qr(M);
    EXPECT_TRUE(close_to(Q, c.Q));
    EXPECT_TRUE(close_to(R, c.R));
    auto [Qc, Rc] = ember::linalg::qr(M, "complete");
    EXPECT_TRUE(close_to(Qc, c.Qc));
    EXPECT_TRUE(close_to(Rc, c.Rc));
    EXPECT_EQ(std::get<0>(ember::linalg::qr(M, "r")).numel(), 0);
    EXPECT_TRUE(close_to(grad_of(
                             [](const Tensor& a) {
                               auto [q, r] = ember::linalg::qr(a);
                               return std::vector<Tensor>{q, r};
                             },
                             M, {c.WQ.tensor(), c.WR.tensor()}),
                         c.grad, 1e-9));
    auto [U, Sv, Vh] = ember::linalg::svd(M, false);
    EXPECT_TRUE(close_to(Sv, c.S));
    // Singular vectors are determined up to sign.
    EXPECT_TRUE(ember_test::tensors_close(U.abs(), c.U.tensor().abs(), 1e-10, 1e-10));
    EXPECT_TRUE(ember_test::tensors_close(Vh.abs(), c.Vh.tensor().abs(), 1e-10, 1e-10));
    auto [Uf, Sf, Vhf] = ember::linalg::svd(M);
    EXPECT_TRUE(ember::allclose(ember::matmul(Uf.narrow(-1, 0, Sf.size(-1)) * Sf.unsqueeze(-2),
                                              Vhf.narrow(-2, 0, Sf.size(-1))),
                                M, 1e-10, 1e-10));
    EXPECT_TRUE(ember::allclose(ember::matmul(Uf.t(), Uf),
                                ember::eye(Uf.size(0), ember::dtype(kDouble)), 1e-10, 1e-10));
    EXPECT_TRUE(close_to(ember::linalg::svdvals(M), c.S));
    EXPECT_TRUE(close_to(ember::linalg::pinv(M), c.pinv));
    EXPECT_TRUE(close_to(
        grad_of([](const Tensor& a) { return std::vector<Tensor>{ember::linalg::svdvals(a)}; }, M,
                {c.Ws.tensor()}),
        c.svd_grad, 1e-9));
    EXPECT_TRUE(close_to(
        grad_of([](const Tensor& a) { return std::vector<Tensor>{ember::linalg::pinv(a)}; }, M,
                {ember::ones({M.size(1), M.size(0)}, ember::dtype(kDouble))}),
        c.pinv_grad, 1e-8));
  }
  const Tensor Sym = kSym.tensor();
  auto [L, V] = ember::linalg::eigh(Sym);
  EXPECT_TRUE(close_to(L, kEighL));
  EXPECT_TRUE(ember_test::tensors_close(V.abs(), kEighV.tensor().abs(), 1e-10, 1e-10));
  EXPECT_TRUE(close_to(ember::linalg::eigvalsh(Sym), kEighL));
  EXPECT_TRUE(close_to(std::get<0>(ember::linalg::eigh(Sym, "U")), kEighL));
  EXPECT_TRUE(close_to(grad_of(
                           [](const Tensor& a) {
                             auto [l, v] = ember::linalg::eigh(a);
                             return std::vector<Tensor>{l, v * v};
                           },
                           Sym, {kWl.tensor(), kW33.tensor()}),
                       kEighGrad, 1e-8));
}

TEST(Linalg, NormsPowersLstsqMatchPyTorch) {
  const Tensor X = kX.tensor();
  const double inf = std::numeric_limits<double>::infinity();
  using ember::linalg::vector_norm;
  EXPECT_TRUE(close_to(vector_norm(X, 2, {-1}), kVecNorm2));
  EXPECT_TRUE(close_to(vector_norm(X, 1, {-1}), kVecNorm1));
  EXPECT_TRUE(close_to(vector_norm(X, inf, {-1}), kVecNormInf));
  EXPECT_TRUE(close_to(vector_norm(X, -inf, {-1}), kVecNormNegInf));
  EXPECT_TRUE(close_to(vector_norm(X, 0, {-1}), kVecNorm0));
  EXPECT_TRUE(close_to(vector_norm(X, 3, {-1}), kVecNorm3));
  EXPECT_TRUE(close_to(vector_norm(X, 0.5, {-1}), kVecNormHalf));
  EXPECT_TRUE(close_to(vector_norm(X), kVecNormAll));
  EXPECT_TRUE(close_to(vector_norm(X, 2, {0, 2}, true), kVecNormDims));
  EXPECT_TRUE(close_to(ember::linalg::norm(X), kNormDefault));
  using ember::linalg::matrix_norm;
  EXPECT_TRUE(close_to(matrix_norm(X), kMatNormFro));
  EXPECT_TRUE(close_to(matrix_norm(X, 1), kMatNorm1));
  EXPECT_TRUE(close_to(matrix_norm(X, -1), kMatNormNeg1));
  EXPECT_TRUE(close_to(matrix_norm(X, inf), kMatNormInf));
  EXPECT_TRUE(close_to(matrix_norm(X, -inf), kMatNormNegInf));
  EXPECT_TRUE(close_to(matrix_norm(X, 1, {2, 0}, true), kMatNormDims));
  if (has_lapack()) {
    EXPECT_TRUE(close_to(matrix_norm(X, "nuc"), kMatNormNuc));
    EXPECT_TRUE(close_to(matrix_norm(X, 2), kMatNorm2));
    EXPECT_TRUE(close_to(matrix_norm(X, -2), kMatNormNeg2));
  }
  const Tensor A = kA.tensor();
  EXPECT_TRUE(close_to(ember::linalg::matrix_power(A, 0), kPow0));
  EXPECT_TRUE(close_to(ember::linalg::matrix_power(A, 1), kPow1));
  EXPECT_TRUE(close_to(ember::linalg::matrix_power(A, 3), kPow3));
  EXPECT_TRUE(close_to(ember::matrix_power(A, 6), kPow6, 1e-9));
  if (!has_lapack()) return;
  EXPECT_TRUE(close_to(ember::linalg::matrix_power(A, -2), kPowNeg2));
  auto [sol, res, rank, sv] =
      ember::linalg::lstsq(kLsA.tensor(), kLsB.tensor(), std::nullopt, "gelsd");
  EXPECT_TRUE(close_to(sol, kLsSolution));
  EXPECT_TRUE(close_to(res, kLsResiduals));
  EXPECT_TRUE(close_to(sv, kLsSingular));
  EXPECT_EQ(rank.item<int64_t>(), 3);
  auto [sol_y, res_y, rank_y, sv_y] = ember::linalg::lstsq(kLsA.tensor(), kLsB.tensor());
  EXPECT_TRUE(close_to(sol_y, kLsSolution));
  EXPECT_EQ(res_y.numel(), 0);  // gelsy, as PyTorch's CPU default, gives no residuals
  EXPECT_EQ(sv_y.numel(), 0);
  EXPECT_TRUE(close_to(std::get<0>(ember::linalg::lstsq(kLsWideA.tensor(), kLsWideB.tensor())),
                       kLsWideSolution));
}

TEST(Linalg, EinsumTensordotKronCrossMatchPyTorch) {
  const Tensor P = kP.tensor(), Q3 = kQ3.tensor(), Sq = kSq.tensor(), v3 = kV3.tensor(),
               v4 = kV4.tensor(), T4 = kT4.tensor();
  using ember::einsum;
  EXPECT_TRUE(close_to(einsum("bij,bjk->bik", {P, Q3}), kEinsumBatchMatmul));
  EXPECT_TRUE(close_to(einsum("bij,bjk", {P, Q3}), kEinsumImplicit));
  EXPECT_TRUE(close_to(einsum("ii", {Sq}), kEinsumTrace));
  EXPECT_TRUE(close_to(einsum("ii->i", {Sq}), kEinsumDiagonal));
  EXPECT_TRUE(close_to(einsum("i,j->ij", {v3, v4}), kEinsumOuter));
  EXPECT_TRUE(close_to(einsum("i,i", {v3, v3}), kEinsumDot));
  EXPECT_TRUE(close_to(einsum("bij->", {P}), kEinsumSumAll));
  EXPECT_TRUE(close_to(einsum("bij->jib", {P}), kEinsumTranspose));
  EXPECT_TRUE(close_to(einsum("...ij,...jk->...ik", {P, Q3}), kEinsumEllipsis));
  EXPECT_TRUE(close_to(einsum("...ij,jk", {P, Q3[0]}), kEinsumEllipsisBroadcast));
  const Tensor middle = ember::ones({2, 3, 3}, ember::dtype(kDouble)) * 0.5 + Sq;
  EXPECT_TRUE(
      close_to(einsum("bn,anm,bm->ba", {P.select(2, 0), middle, P.select(2, 1)}), kEinsumBilinear));
  EXPECT_TRUE(close_to(einsum("bjjk->bk", {T4}), kEinsumRepeatedInner));
  EXPECT_TRUE(close_to(einsum("ij,j->i", {Sq, v3}), kEinsumMatVec));
  EXPECT_TRUE(close_to(einsum("ij,ij->ij", {Sq, Sq.t()}), kEinsumHadamard));
  EXPECT_TRUE(close_to(einsum("Ab,bC->AC", {Sq, P[0]}), kEinsumUpper));
  EXPECT_TRUE(close_to(einsum(" b i j , b j k -> b i k", {P, Q3}), kEinsumBatchMatmul));
  const Tensor p = P.detach().requires_grad_();
  einsum("bij,bjk->bik", {p, Q3}).sum().backward();
  EXPECT_TRUE(close_to(p.grad(), kEinsumGradP));
  EXPECT_TRUE(close_to(ember::tensordot(P, Q3, {0, 2}, {0, 1}), kTensordot));
  EXPECT_TRUE(close_to(ember::tensordot(P, Q3.transpose(0, 1), 1), kTensordot1));
  EXPECT_TRUE(close_to(ember::kron(Sq, P[0]), kKron));
  EXPECT_TRUE(close_to(ember::kron(v3, P), kKronMixed));
  EXPECT_TRUE(close_to(ember::linalg::cross(kC1.tensor(), kC2.tensor()), kCross));
  EXPECT_TRUE(close_to(ember::cross(kC1.tensor().t(), kC2.tensor().t(), 0), kCrossDim0));
  // libtorch's default dim: the first of size 3.
  EXPECT_TRUE(close_to(ember::cross(kC1.tensor().t(), kC2.tensor().t()), kCrossDim0));
}

TEST(Linalg, ErrorsAsPyTorch) {
  using ember_test::throws_error_with;
  const Tensor rect = ember::zeros({2, 3}, ember::dtype(kDouble));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::inv(rect); },
                                "linalg.inv: A must be batches of square matrices, but they are "
                                "2 by 3 matrices"));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::inv(ember::zeros({3})); },
                                "linalg.inv: The input tensor A must have at least 2 dimensions."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::linalg::inv(ember::zeros({3, 3}, ember::dtype(ember::kLong)));
      },
      "linalg.inv: Expected a floating point or complex tensor as input. Got Long"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::linalg::det(ember::zeros({3, 3}, ember::dtype(ember::kHalf)));
      },
      "linalg.det: Low precision dtypes not supported. Got Half"));
  EXPECT_TRUE(throws_error_with(
      [&] { ember::linalg::solve(ember::eye(3), ember::zeros({3}, ember::dtype(kDouble))); },
      "linalg.solve: Expected A and B to have the same dtype, but found A of type Float and B of "
      "type Double instead"));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::solve(ember::eye(3), ember::zeros({4})); },
                                "linalg.solve: Incompatible shapes of A and B for the equation "
                                "AX = B (3x3 and 4x1)"));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::matrix_power(rect, 2); },
                                "linalg.matrix_power: A must be batches of square matrices"));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::qr(rect, "bad"); },
                                "qr received unrecognized mode 'bad' but expected one of "
                                "'reduced' (default), 'r', or 'complete'"));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::eigh(ember::eye(3), "X"); },
                                "Expected UPLO argument to be 'L' or 'U', but got X"));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::matrix_norm(rect, 3); },
                                "linalg.matrix_norm: Order 3 not supported."));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::matrix_norm(rect, "bad"); },
                                "linalg.matrix_norm: Order bad not supported."));
  EXPECT_TRUE(throws_error_with(
      [&] { ember::linalg::vector_norm(ember::ones({3}, ember::dtype(ember::kLong))); },
      "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::linalg::cross(ember::zeros({2, 4}), ember::zeros({2, 4}));
      },
      "linalg.cross: inputs dimension -1 must have length 3. Got 4 and 4"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::einsum("ij,jk->ik", {ember::zeros({2, 3}), ember::zeros({4, 5})});
      },
      "einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously "
      "seen size 3"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::einsum("ij,jk", {ember::zeros({2, 3})});
      },
      "einsum(): fewer operands were provided than specified"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::einsum("ij->ik", {ember::zeros({2, 3})});
      },
      "einsum(): output subscript k does not appear in the equation "
      "for any input operand"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::einsum("i1->i", {ember::zeros({2, 3})});
      },
      "einsum(): invalid subscript given at index 1 in the equation "
      "string, subscripts must be in [a-zA-Z]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::einsum("ii->i", {ember::zeros({2, 3})});
      },
      "einsum(): subscript i is repeated for operand 0 but the sizes "
      "don't match, 3 != 2"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::tensordot(ember::ones({3, 2}), ember::ones({3, 2}), {0}, {1});
      },
      "contracted dimensions need to match, but first has size 3 in dim 0 and second has size 2 "
      "in dim 1"));
}

TEST(Linalg, FailuresOfTheFactorizationsAsPyTorch) {
  REQUIRE_LAPACK();
  using ember_test::throws_error_with;
  const Tensor singular = ember::tensor({{1.0, 2.0}, {2.0, 4.0}});
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::inv(singular); },
                                "linalg.inv: The diagonal element 2 is zero, the inversion could "
                                "not be completed because the input matrix is singular."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::linalg::inv(ember::stack({ember::eye(2), singular}));
      },
      "linalg.inv: (Batch element 1): The diagonal element 2 is zero"));
  EXPECT_TRUE(throws_error_with([&] { ember::linalg::solve(singular, ember::ones({2})); },
                                "torch.linalg.solve: The solver failed because the input matrix "
                                "is singular."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        ember::linalg::cholesky(ember::tensor({{1.0, 2.0}, {2.0, 1.0}}));
      },
      "linalg.cholesky: The factorization could not be completed because the input is not "
      "positive-definite (the leading minor of order 2 is not positive-definite)."));
  // The _ex forms report instead of throwing; a singular determinant is 0.
  auto [inverse, info] = ember::linalg::inv_ex(singular);
  EXPECT_EQ(info.item<int32_t>(), 2);
  EXPECT_EQ(ember::linalg::det(singular).item<float>(), 0.0f);
  auto [sign, logabs] = ember::linalg::slogdet(singular);
  EXPECT_EQ(sign.item<float>(), 0.0f);
  EXPECT_EQ(logabs.item<float>(), -std::numeric_limits<float>::infinity());
}

// The error of a build without LAPACK, and that of a device without the kernels.
TEST(Linalg, MissingKernelErrors) {
  using ember_test::throws_error_with;
  EXPECT_TRUE(throws_error_with(
      [] { ember::detail::throw_missing_linalg_kernel("linalg.solve", ember::kCPU, kFloat); },
      "linalg.solve: needs LAPACK, which this build of Ember does not have"));
  EXPECT_TRUE(throws_error_with(
      [] { ember::detail::throw_missing_linalg_kernel("linalg.qr", ember::kCUDA, kFloat); },
      "linalg.qr: not implemented for Float on cuda"));
  if (has_lapack()) return;
  EXPECT_TRUE(throws_error_with([] { ember::linalg::solve(ember::eye(2), ember::ones({2})); },
                                "linalg.solve: needs LAPACK, which this build of Ember does not "
                                "have"));
}

TEST(Linalg, EmptyAndBatchedShapes) {
  REQUIRE_LAPACK();
  const Tensor empty_batch = ember::zeros({0, 3, 3}, ember::dtype(kDouble));
  EXPECT_EQ(ember::linalg::inv(empty_batch).sizes(), empty_batch.sizes());
  EXPECT_EQ(ember::linalg::det(empty_batch).sizes(), ember::IntArrayRef({0}));
  const Tensor A = kA.tensor().reshape({2, 1, 3, 3}).expand({2, 4, 3, 3});
  EXPECT_EQ(ember::linalg::inv(A).sizes(), A.sizes());
  EXPECT_TRUE(ember::allclose(ember::matmul(A, ember::linalg::inv(A)),
                              ember::eye(3, ember::dtype(kDouble)).expand(A.sizes()), 1e-10,
                              1e-10));
}

}  // namespace
