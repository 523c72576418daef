// Backward of add, sub, rsub, mul, div (tensor and scalar operands).

#include "autograd/Formula.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

Tensor maybe(const FormulaContext& c, size_t i, const Tensor& value) {
  return c.needs_input_grad(i) ? value : Tensor();
}

// The gradient's alpha-scaled form: grad when alpha is 1 (no extra op in the graph).
Tensor scaled(const Tensor& grad, const Scalar& alpha) {
  return alpha.equal(1) ? grad : grad * alpha;
}

}  // namespace

void register_arithmetic_formulas(FormulaTable& t) {
  // add(a, b, alpha = scalar0)
  t.set(GradOp::add, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{maybe(c, 0, g[0]),
                         c.needs_input_grad(1) ? scaled(g[0], c.attrs().scalar0) : Tensor()};
  });
  t.set(GradOp::add_scalar, Saves::kNothing,
        [](const FormulaContext&, const variable_list& g) { return variable_list{g[0]}; });
  // sub(a, b, alpha = scalar0)
  t.set(GradOp::sub, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{maybe(c, 0, g[0]),
                         c.needs_input_grad(1) ? scaled(g[0], -c.attrs().scalar0) : Tensor()};
  });
  t.set(GradOp::sub_scalar, Saves::kNothing,
        [](const FormulaContext&, const variable_list& g) { return variable_list{g[0]}; });
  // rsub(a, b, alpha = scalar0) = b - alpha * a
  t.set(GradOp::rsub_scalar, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{scaled(g[0], -c.attrs().scalar0)};
  });
  t.set(GradOp::mul, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{c.needs_input_grad(0) ? g[0] * c.input(1) : Tensor(),
                         c.needs_input_grad(1) ? g[0] * c.input(0) : Tensor()};
  });
  // mul(a, scalar0)
  t.set(GradOp::mul_scalar, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] * c.attrs().scalar0};
  });
  t.set(GradOp::div, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor b = c.input(1);
    return variable_list{c.needs_input_grad(0) ? g[0] / b : Tensor(),
                         c.needs_input_grad(1) ? -g[0] * c.input(0) / (b * b) : Tensor()};
  });
  // div(a, scalar0)
  t.set(GradOp::div_scalar, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] / c.attrs().scalar0};
  });
}

}  // namespace ember::autograd
