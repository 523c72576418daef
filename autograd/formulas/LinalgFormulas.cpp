// Backward of ember::linalg's factorizations, after PyTorch's derivatives.yaml and
// FunctionsManual.cpp (linalg_solve_backward, cholesky_backward, linalg_qr_backward,
// linalg_eig_backward for Hermitian input, svd_backward), written in public ops so that they
// record under create_graph. Real dtypes only, so every ^H is a transpose.
// Attributes: solve's flag0 = left; cholesky's flag0 = upper; qr's int0 = mode (0 reduced,
// 1 complete, 2 r); svd's flag0 = full_matrices.

#include <limits>

#include "autograd/Formula.h"
#include "core/ops/LinalgOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/functions/Linalg.h"

namespace ember::autograd {

namespace {

using detail::diag_embed_last;
using detail::matrix_diagonal;
using detail::mT;
using detail::triangle;

// g * X^-T, the gradient of det/logabsdet scaled per matrix by `scale` ([...]).
Tensor scaled_inverse_transpose(const Tensor& scale, const Tensor& A) {
  return scale.unsqueeze(-1).unsqueeze(-1) * mT(linalg::inv(A));
}

// For each i, the product of v's entries j != i along the last dim, without dividing, so
// that zeros are handled (PyTorch's prod_safe_zeros_backward with a unit gradient).
Tensor products_of_others(const Tensor& v) {
  const int64_t n = v.size(-1);
  const Tensor one = ones_like(v.narrow(-1, 0, 1));
  const Tensor before = cumprod(cat({one, v.narrow(-1, 0, n - 1)}, -1), -1);
  const Tensor after = flip(cumprod(flip(cat({v.narrow(-1, 1, n - 1), one}, -1), {-1}), -1), {-1});
  return before * after;
}

// The gradient of det at A: the cofactor matrix g * det(A) * A^-T. Where A is singular
// (|det| below the dtype's epsilon, PyTorch's test) A^-T does not exist, and the cofactor
// matrix comes from the SVD instead: det A = det(U) det(Vh) prod(S), so
// g_A = U diag(g det(U) det(Vh) prod_{j != i} S_j) Vh. The SVD is taken only when some
// matrix of the batch is singular, since it costs far more than a solve.
Tensor det_backward(const Tensor& g, const Tensor& det, const Tensor& A) {
  const int64_t n = A.size(-1);
  if (A.numel() == 0) return zeros_like(A);
  const double eps = A.dtype() == kFloat64 ? std::numeric_limits<double>::epsilon()
                                           : std::numeric_limits<float>::epsilon();
  const Tensor singular = abs(det) < eps;
  const int64_t n_singular = singular.sum().item<int64_t>();
  const Tensor scale = (g * det).unsqueeze(-1).unsqueeze(-1);
  const Tensor identity = eye(n, A.options());
  const auto nonsingular_path = [&](const Tensor& M) {
    return linalg::solve(mT(M), scale * identity, true);
  };
  const auto singular_path = [&]() {
    auto [U, S, Vh] = linalg::svd(A, false);
    const Tensor alpha = g * linalg::det(U) * linalg::det(Vh);
    return matmul(U * (alpha.unsqueeze(-1) * products_of_others(S)).unsqueeze(-2), Vh);
  };
  if (n_singular == 0) return nonsingular_path(A);
  if (n_singular == singular.numel()) return singular_path();
  const Tensor mask = singular.unsqueeze(-1).unsqueeze(-1);
  // The solve runs on the nonsingular matrices only: singular ones are swapped for I.
  return where(mask, singular_path(), nonsingular_path(where(mask, identity, A)));
}

Tensor solve_backward_A(const Tensor& gB, const Tensor& X, bool left, bool vector_case) {
  if (vector_case) return -(gB.unsqueeze(-1) * X.unsqueeze(-2));
  return left ? -matmul(gB, mT(X)) : -matmul(mT(X), gB);
}

Tensor cholesky_backward(Tensor gL, bool upper, Tensor L) {
  if (upper) {
    L = mT(L);
    gL = mT(gL);
  }
  Tensor gA = triangle(matmul(mT(L), gL), true);
  // 0.5 * (gA + gA^H - diag(gA)).
  gA = (gA + mT(triangle(gA, true, -1))) * 0.5;
  gA = linalg::solve(mT(L), gA, true);
  return linalg::solve(L, gA, false);
}

Tensor qr_backward(const Tensor& gQ, const Tensor& gR, const Tensor& Q, const Tensor& R,
                   int64_t mode) {
  EMBER_CHECK(mode != 2,
              "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. "
              "Please use linalg.qr(A, mode='reduced') if you are going to differentiate through "
              "linalg.qr.");
  const int64_t m = Q.size(-2), n = R.size(-1);
  EMBER_CHECK(mode == 0 || m <= n,
              "The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
  Tensor gA = matmul(gR, mT(R)) - matmul(mT(Q), gQ);
  if (m >= n) {
    // X + X^H with the diagonal halved.
    Tensor sym = triangle(gA, false);
    sym = sym + mT(sym);
    sym = sym - diag_embed_last(matrix_diagonal(sym) * 0.5);
    gA = matmul(Q, sym) + gQ;
    return linalg::solve(mT(R), gA, false);
  }
  const Tensor X = -gA;
  const Tensor skew = triangle(X - mT(X), true);
  gA = linalg::solve(mT(R.narrow(-1, 0, m)), matmul(Q, skew), false);
  DimVector pad_shape(gA.sizes());
  pad_shape.back() = n - m;
  gA = cat({gA, zeros(pad_shape, gA.options())}, -1);
  return gA + matmul(Q, gR);
}

Tensor eigh_backward(const Tensor& gL, const Tensor& gV, const Tensor& L, const Tensor& V) {
  Tensor VhgV = matmul(mT(V), gV);
  VhgV = (VhgV - mT(VhgV)) * 0.5;
  // E_ij = L_j - L_i, ones on the diagonal (where VhgV is zero).
  const Tensor E = L.unsqueeze(-2) - L.unsqueeze(-1) + diag_embed_last(ones_like(L));
  const Tensor gA = VhgV / E + diag_embed_last(gL);
  return matmul(V, matmul(gA, mT(V)));
}

Tensor svd_backward(Tensor gU, const Tensor& gS, Tensor gVh, Tensor U, const Tensor& S, Tensor Vh,
                    bool full_matrices) {
  if (full_matrices) {
    // The extra columns of U and rows of Vh carry no information about A.
    const int64_t k = S.size(-1);
    U = U.narrow(-1, 0, k);
    Vh = Vh.narrow(-2, 0, k);
    gU = gU.narrow(-1, 0, k);
    gVh = gVh.narrow(-2, 0, k);
  }
  const int64_t m = U.size(-2), n = Vh.size(-1);
  auto skew = [](const Tensor& X) { return X - mT(X); };
  const Tensor UhgU = skew(matmul(mT(U), gU));
  const Tensor VhgV = skew(matmul(Vh, mT(gVh)));
  const Tensor S2 = S * S;
  // E_ij = S_j^2 - S_i^2, ones on the diagonal.
  const Tensor E = S2.unsqueeze(-2) - S2.unsqueeze(-1) + diag_embed_last(ones_like(S));
  Tensor gA = (UhgU * S.unsqueeze(-2) + S.unsqueeze(-1) * VhgV) / E + diag_embed_last(gS);
  if (m > n) {
    gA = matmul(U, gA);
    const Tensor gUSinv = gU / S.unsqueeze(-2);
    gA = gA + gUSinv - matmul(U, matmul(mT(U), gUSinv));
    return matmul(gA, Vh);
  }
  if (m < n) {
    gA = matmul(gA, Vh);
    const Tensor SinvgVh = gVh / S.unsqueeze(-1);
    gA = gA + SinvgVh - matmul(matmul(SinvgVh, mT(Vh)), Vh);
    return matmul(U, gA);
  }
  return matmul(U, matmul(gA, Vh));
}

}  // namespace

void register_linalg_formulas(FormulaTable& t) {
  t.set(GradOp::linalg_inv, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor inverse_t = mT(c.output(0));
    return variable_list{-matmul(inverse_t, matmul(g[0], inverse_t))};
  });
  t.set(GradOp::linalg_solve, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor A = c.input(0), B = c.input(1), X = c.output(0);
          const bool left = c.attrs().flag0;
          const bool vector_case =
              left && (B.dim() == 1 ||
                       (B.dim() == A.dim() - 1 && B.sizes() == A.sizes().slice(0, B.dim())));
          const Tensor gB = linalg::solve(mT(A), g[0], left);
          return variable_list{
              c.needs_input_grad(0) ? solve_backward_A(gB, X, left, vector_case) : Tensor(),
              c.needs_input_grad(1) ? gB : Tensor()};
        });
  t.set(GradOp::linalg_det, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          return variable_list{det_backward(g[0], c.output(0), c.input(0))};
        });
  t.set(GradOp::linalg_slogdet, Saves::kInputs,
        [](const FormulaContext& c, const variable_list& g) {
          // The sign is locally constant: only log|det| has a gradient.
          return variable_list{scaled_inverse_transpose(g[1], c.input(0))};
        });
  t.set(GradOp::linalg_cholesky, Saves::kOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          return variable_list{cholesky_backward(g[0], c.attrs().flag0, c.output(0))};
        });
  t.set(GradOp::linalg_qr, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{qr_backward(g[0], g[1], c.output(0), c.output(1), c.attrs().int0)};
  });
  t.set(GradOp::linalg_eigh, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{eigh_backward(g[0], g[1], c.output(0), c.output(1))};
  });
  t.set(GradOp::linalg_svd, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{
        svd_backward(g[0], g[1], g[2], c.output(0), c.output(1), c.output(2), c.attrs().flag0)};
  });
}

}  // namespace ember::autograd
