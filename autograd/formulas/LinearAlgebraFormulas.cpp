// Backward of the matrix products mm, mv, bmm, dot and addmm (attributes: addmm's scalar0 =
// beta, scalar1 = alpha). matmul and outer are composites: their pieces record (matmul's
// result reshape as unsafe_view, whose formula is with the views').

#include "autograd/Formula.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

// PyTorch's maybe_multiply: no extra op when the factor is 1.
Tensor scaled(const Tensor& t, const Scalar& s) { return s.equal(1) ? t : t * s; }

}  // namespace

void register_linear_algebra_formulas(FormulaTable& t) {
  t.set(GradOp::mm, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{c.needs_input_grad(0) ? g[0].mm(c.input(1).t()) : Tensor(),
                         c.needs_input_grad(1) ? c.input(0).t().mm(g[0]) : Tensor()};
  });
  t.set(GradOp::mv, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{c.needs_input_grad(0) ? outer(g[0], c.input(1)) : Tensor(),
                         c.needs_input_grad(1) ? c.input(0).t().mv(g[0]) : Tensor()};
  });
  t.set(GradOp::bmm, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{c.needs_input_grad(0) ? g[0].bmm(c.input(1).transpose(1, 2)) : Tensor(),
                         c.needs_input_grad(1) ? c.input(0).transpose(1, 2).bmm(g[0]) : Tensor()};
  });
  t.set(GradOp::dot, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{c.needs_input_grad(0) ? g[0] * c.input(1) : Tensor(),
                         c.needs_input_grad(1) ? g[0] * c.input(0) : Tensor()};
  });
  // addmm(self, mat1, mat2, beta, alpha) = beta * self + alpha * mat1 @ mat2.
  t.set(GradOp::addmm, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const Scalar& alpha = c.attrs().scalar1;
    return variable_list{c.needs_input_grad(0) ? scaled(g[0], c.attrs().scalar0) : Tensor(),
                         c.needs_input_grad(1) ? scaled(g[0].mm(c.input(2).t()), alpha) : Tensor(),
                         c.needs_input_grad(2) ? scaled(c.input(1).t().mm(g[0]), alpha) : Tensor()};
  });
}

}  // namespace ember::autograd
