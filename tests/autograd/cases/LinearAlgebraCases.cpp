// The matrix products' entries of the table-driven gradient test (matmul and outer are
// composites: their nodes are those of the products and views they call).

#include "cases/OpCase.h"

namespace ember_test {

using ember::autograd::variable_list;
using ember::detail::GradOp;

std::vector<OpCase> linear_algebra_cases() {
  return {
      {"mm",
       GradOp::mm,
       [](const variable_list& in) { return variable_list{in[0].mm(in[1])}; },
       {{3, 4}, {4, 2}}},
      {"mv",
       GradOp::mv,
       [](const variable_list& in) { return variable_list{in[0].mv(in[1])}; },
       {{3, 4}, {4}}},
      {"bmm",
       GradOp::bmm,
       [](const variable_list& in) { return variable_list{in[0].bmm(in[1])}; },
       {{2, 3, 4}, {2, 4, 2}}},
      {"dot",
       GradOp::dot,
       [](const variable_list& in) { return variable_list{in[0].dot(in[1])}; },
       {{5}, {5}}},
      {"addmm",
       GradOp::addmm,
       [](const variable_list& in) {
         return variable_list{ember::addmm(in[0], in[1], in[2], 0.5, 2)};
       },
       {{2}, {3, 4}, {4, 2}}},
      {"matmul_batched",
       GradOp::unsafe_view,
       [](const variable_list& in) { return variable_list{in[0].matmul(in[1])}; },
       {{2, 1, 2, 3}, {5, 3, 4}}},
      {"matmul/vector_vector",
       GradOp::dot,
       [](const variable_list& in) { return variable_list{ember::matmul(in[0], in[1])}; },
       {{3}, {3}}},
      {"matmul/matrix_vector",
       GradOp::mv,
       [](const variable_list& in) { return variable_list{ember::matmul(in[0], in[1])}; },
       {{2, 3}, {3}}},
      {"matmul/vector_batch",
       GradOp::bmm,
       [](const variable_list& in) { return variable_list{ember::matmul(in[0], in[1])}; },
       {{3}, {2, 3, 4}}},
      {"outer",
       GradOp::mul,
       [](const variable_list& in) { return variable_list{ember::outer(in[0], in[1])}; },
       {{3}, {2}}},
  };
}

}  // namespace ember_test
