// ember::linalg's entries of the table-driven gradient test. The case inputs are uniform in
// (-1, 1), so each case first makes its matrix well-conditioned (+ 3 I), positive-definite
// (X X^T + n I) or symmetric with well-separated eigenvalues; eigh and svd use losses that do
// not depend on the signs of the vectors (their squares).

#include "cases/OpCase.h"

namespace ember_test {

using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;

namespace {

Tensor identity_like(const Tensor& a) {
  return ember::eye(a.size(-1), ember::TensorOptions().dtype(a.dtype()).device(a.device()));
}
Tensor well_conditioned(const Tensor& a) { return a + identity_like(a) * 3; }
Tensor positive_definite(const Tensor& a) {
  return ember::matmul(a, a.transpose(-2, -1)) + identity_like(a) * a.size(-1);
}
// Symmetric, eigenvalues near 1, 4, 7, ... (distinct).
Tensor separated_symmetric(const Tensor& a) {
  const Tensor steps =
      ember::arange(a.size(-1), ember::TensorOptions().dtype(a.dtype()).device(a.device())) * 3;
  return (a + a.transpose(-2, -1)) * 0.25 + identity_like(a) * (steps + 1).unsqueeze(-1);
}

}  // namespace

std::vector<OpCase> linalg_cases() {
  return {
      {"linalg.inv",
       GradOp::linalg_inv,
       [](const variable_list& in) {
         return variable_list{ember::linalg::inv(well_conditioned(in[0]))};
       },
       {{2, 3, 3}}},
      {"linalg.solve",
       GradOp::linalg_solve,
       [](const variable_list& in) {
         return variable_list{ember::linalg::solve(well_conditioned(in[0]), in[1])};
       },
       {{2, 3, 3}, {3, 2}}},
      {"linalg.solve/vector_right",
       GradOp::linalg_solve,
       [](const variable_list& in) {
         return variable_list{ember::linalg::solve(well_conditioned(in[0]), in[1], false),
                              ember::linalg::solve(well_conditioned(in[0]), in[2])};
       },
       {{3, 3}, {2, 3}, {3}}},
      {"linalg.det",
       GradOp::linalg_det,
       [](const variable_list& in) {
         return variable_list{ember::linalg::det(well_conditioned(in[0]))};
       },
       {{2, 3, 3}}},
      {"linalg.slogdet",
       GradOp::linalg_slogdet,
       [](const variable_list& in) {
         return variable_list{std::get<1>(ember::linalg::slogdet(well_conditioned(in[0])))};
       },
       {{3, 3}}},
      {"linalg.cholesky",
       GradOp::linalg_cholesky,
       [](const variable_list& in) {
         return variable_list{ember::linalg::cholesky(positive_definite(in[0])),
                              ember::linalg::cholesky(positive_definite(in[0]), true)};
       },
       {{2, 3, 3}}},
      {"linalg.qr/tall",
       GradOp::linalg_qr,
       [](const variable_list& in) {
         auto [Q, R] = ember::linalg::qr(in[0] + ember::eye(4, 3, in[0].options()) * 2);
         return variable_list{Q, R};
       },
       {{4, 3}}},
      {"linalg.qr/wide",
       GradOp::linalg_qr,
       [](const variable_list& in) {
         auto [Q, R] = ember::linalg::qr(in[0] + ember::eye(2, 4, in[0].options()) * 2);
         return variable_list{Q, R};
       },
       {{2, 4}}},
      {"linalg.eigh",
       GradOp::linalg_eigh,
       [](const variable_list& in) {
         auto [L, V] = ember::linalg::eigh(separated_symmetric(in[0]));
         return variable_list{L, V * V};
       },
       {{2, 3, 3}}},
      {"linalg.svd",
       GradOp::linalg_svd,
       [](const variable_list& in) {
         const Tensor a = in[0] * 0.3 + ember::eye(4, 3, in[0].options()) *
                                            ember::tensor({1.0, 2.0, 3.0}, in[0].options());
         auto [U, S, Vh] = ember::linalg::svd(a, false);
         return variable_list{U * U, S, Vh * Vh};
       },
       {{4, 3}}},
      {"linalg.svd/wide_full",
       GradOp::linalg_svd,
       [](const variable_list& in) {
         const Tensor a = in[0] * 0.3 + ember::eye(2, 3, in[0].options()) *
                                            ember::tensor({1.0, 2.0, 3.0}, in[0].options());
         auto [U, S, Vh] = ember::linalg::svd(a);
         return variable_list{U * U, S};
       },
       {{2, 3}}},
  };
}

}  // namespace ember_test
