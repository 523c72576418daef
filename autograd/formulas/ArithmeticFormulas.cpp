// Backward of add, sub, rsub, mul, div (tensor and scalar operands), pow in its three forms,
// maximum / minimum and clamp, as PyTorch's tools/autograd/derivatives.yaml.

#include <cmath>

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
  // pow(base, exponent), both tensors. A zero exponent gives the base no gradient (even at a
  // zero base), and a zero base with a non-negative exponent gives the exponent none.
  t.set(GradOp::pow, Saves::kInputsAndOutputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor base = c.input(0);
    const Tensor exponent = c.input(1);
    Tensor grad_base, grad_exponent;
    if (c.needs_input_grad(0)) {
      grad_base = where(exponent == 0, 0, g[0] * (exponent * pow(base, exponent - 1)));
    }
    if (c.needs_input_grad(1)) {
      const Tensor no_gradient = logical_and(base == 0, exponent >= 0);
      grad_exponent = g[0] * where(no_gradient, 0, c.output(0) * log(base));
    }
    return variable_list{grad_base, grad_exponent};
  });
  // pow(base, exponent = scalar0)
  t.set(GradOp::pow_scalar, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const Scalar& exponent = c.attrs().scalar0;
    if (exponent.equal(0)) return variable_list{zeros_like(c.input(0))};
    const double e = exponent.toDouble();
    return variable_list{g[0] * (pow(c.input(0), e - 1) * e)};
  });
  // pow(base = scalar0, exponent)
  t.set(GradOp::pow_scalar_base, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          const double base = c.attrs().scalar0.toDouble();
          const Tensor grad = g[0] * (c.output(0) * std::log(base));
          if (base != 0) return variable_list{grad};
          return variable_list{where(c.input(0) >= 0, 0, grad)};
        });
  // maximum / minimum: ties share the gradient equally.
  t.set(GradOp::maximum, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor a = c.input(0), b = c.input(1);
    const Tensor shared = where(a == b, g[0] / 2, g[0]);
    return variable_list{maybe(c, 0, shared.masked_fill(a < b, 0)),
                         maybe(c, 1, shared.masked_fill(a > b, 0))};
  });
  t.set(GradOp::minimum, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor a = c.input(0), b = c.input(1);
    const Tensor shared = where(a == b, g[0] / 2, g[0]);
    return variable_list{maybe(c, 0, shared.masked_fill(a > b, 0)),
                         maybe(c, 1, shared.masked_fill(a < b, 0))};
  });
  // clamp: scalar0 = min (when flag0), scalar1 = max (when flag1). The gradient passes where
  // min <= x <= max, bounds included (libtorch 1.13); a NaN bound compares false everywhere,
  // so it passes nowhere, as in PyTorch (clamp()'s lone NaN bound included).
  t.set(GradOp::clamp, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    const Tensor x = c.input(0);
    if (a.flag0 && a.flag1) {
      return variable_list{where(logical_and(x >= a.scalar0, x <= a.scalar1), g[0], 0)};
    }
    if (a.flag0) return variable_list{where(x >= a.scalar0, g[0], 0)};
    if (a.flag1) return variable_list{where(x <= a.scalar1, g[0], 0)};
    return variable_list{g[0]};
  });
  // clamp_min(x, scalar0) / clamp_max(x, scalar0)
  t.set(GradOp::clamp_min, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{where(c.input(0) >= c.attrs().scalar0, g[0], 0)};
  });
  t.set(GradOp::clamp_max, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{where(c.input(0) <= c.attrs().scalar0, g[0], 0)};
  });
}

}  // namespace ember::autograd
