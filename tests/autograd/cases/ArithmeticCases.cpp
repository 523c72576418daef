// Gradient cases of add, sub, rsub, mul, div: tensor and scalar operands, broadcasting,
// non-contiguous inputs.

#include "cases/OpCase.h"

namespace ember_test {

using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;

std::vector<OpCase> arithmetic_cases() {
  return {
      {"add",
       GradOp::add,
       [](const variable_list& x) { return variable_list{x[0] + x[1]}; },
       {{2, 3}, {2, 3}}},
      {"add_alpha_broadcast",
       GradOp::add,
       [](const variable_list& x) { return variable_list{ember::add(x[0], x[1], 2.5)}; },
       {{2, 3}, {3}}},
      {"add_scalar",
       GradOp::add_scalar,
       [](const variable_list& x) { return variable_list{x[0] + 2.0}; },
       {{4}}},
      {"sub_transposed",
       GradOp::sub,
       [](const variable_list& x) { return variable_list{x[0].t() - x[1]}; },
       {{3, 2}, {2, 3}}},
      {"sub_scalar",
       GradOp::sub_scalar,
       [](const variable_list& x) { return variable_list{x[0] - 1.5}; },
       {{2, 1}}},
      {"rsub_scalar",
       GradOp::rsub_scalar,
       [](const variable_list& x) { return variable_list{2.0 - x[0]}; },
       {{3}}},
      {"mul",
       GradOp::mul,
       [](const variable_list& x) { return variable_list{x[0] * x[1]}; },
       {{2, 3}, {1, 3}}},
      {"mul_empty",
       GradOp::mul,
       [](const variable_list& x) { return variable_list{x[0] * x[1]}; },
       {{0, 3}, {3}}},
      {"mul_scalar",
       GradOp::mul_scalar,
       [](const variable_list& x) { return variable_list{x[0] * 3.0}; },
       {{2, 2}}},
      {"div",
       GradOp::div,
       [](const variable_list& x) { return variable_list{x[0] / (x[1] * x[1] + 1.0)}; },
       {{2, 3}, {3}}},
      {"div_scalar",
       GradOp::div_scalar,
       [](const variable_list& x) { return variable_list{x[0] / 4.0}; },
       {{3}}},
      {"mul_inplace_on_nonleaf",
       GradOp::mul,
       [](const variable_list& x) {
         Tensor y = x[0] * 1.0;
         y.mul_(x[1]);
         return variable_list{y};
       },
       {{2, 3}, {3}}},
  };
}

}  // namespace ember_test
