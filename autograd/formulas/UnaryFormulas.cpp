// Backward of the unary elementwise ops, the activations, softmax / log_softmax, where and
// masked_fill, as PyTorch's tools/autograd/derivatives.yaml. Written in public ops so that
// they record under create_graph (double backward).

#include <cmath>

#include "autograd/Formula.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

// Ops whose gradient is zero wherever it is defined (sign, floor, ceil, round).
variable_list zero_gradient(const FormulaContext&, const variable_list& g) {
  return variable_list{zeros_like(g[0])};
}

// d/dx of gelu(x) = x * Phi(x): Phi(x) + x * phi(x). Phi (the normal CDF) has no public op of
// its own: it is gelu(x) / x, and at 0 its first-order expansion 1/2 + x * phi(0), which has
// the right value and slope there (x is replaced by 1 before dividing, so that the discarded
// branch gives no NaN gradient).
Tensor gelu_derivative_exact(const Tensor& x) {
  const double inv_sqrt_2pi = 0.5 * M_2_SQRTPI * M_SQRT1_2;
  const Tensor at_zero = x == 0;
  const Tensor safe_x = where(at_zero, 1.0, x);
  const Tensor cdf = where(at_zero, x * inv_sqrt_2pi + 0.5, gelu(safe_x) / safe_x);
  const Tensor pdf = exp(x * x * -0.5) * inv_sqrt_2pi;
  return cdf + x * pdf;
}

// d/dx of 0.5 * x * (1 + tanh(beta * (x + kappa * x^3))), as PyTorch's gelu_backward.
Tensor gelu_derivative_tanh(const Tensor& x) {
  const double beta = M_SQRT2 * M_2_SQRTPI * 0.5;
  const double kappa = 0.044715;
  const Tensor x_sq = x * x;
  const Tensor inner = (x + x_sq * x * kappa) * beta;
  const Tensor t = tanh(inner);
  const Tensor left_derivative = (t + 1) * 0.5;
  const Tensor right_derivative = x * 0.5 * (1 - t * t) * ((x_sq * (3 * kappa) + 1) * beta);
  return left_derivative + right_derivative;
}

// The sum over the softmax dim, kept; a 0-d tensor has nothing to sum over.
Tensor sum_along(const Tensor& t, int64_t dim) {
  return t.dim() == 0 ? t : t.sum({dim}, /*keepdim=*/true);
}

}  // namespace

void register_unary_formulas(FormulaTable& t) {
  t.set(GradOp::neg, Saves::kNothing,
        [](const FormulaContext&, const variable_list& g) { return variable_list{-g[0]}; });
  t.set(GradOp::abs, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] * sign(c.input(0))};
  });
  t.set(GradOp::sqrt, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] / (c.output(0) * 2)};
  });
  t.set(GradOp::rsqrt, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] * pow(c.output(0), 3) * -0.5};
  });
  t.set(GradOp::exp, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] * c.output(0)};
  });
  t.set(GradOp::log, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] / c.input(0)};
  });
  t.set(GradOp::log1p, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] / (c.input(0) + 1)};
  });
  t.set(GradOp::sin, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] * cos(c.input(0))};
  });
  t.set(GradOp::cos, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] * -sin(c.input(0))};
  });
  t.set(GradOp::tanh, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{tanh_backward(g[0], c.output(0))};
  });
  t.set(GradOp::sigmoid, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{sigmoid_backward(g[0], c.output(0))};
  });
  t.set(GradOp::relu, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{threshold_backward(g[0], c.output(0), 0)};
  });
  t.set(GradOp::reciprocal, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor y = c.output(0);
    return variable_list{-g[0] * (y * y)};
  });
  t.set(GradOp::sign, Saves::kNothing, zero_gradient);
  t.set(GradOp::floor, Saves::kNothing, zero_gradient);
  t.set(GradOp::ceil, Saves::kNothing, zero_gradient);
  t.set(GradOp::round, Saves::kNothing, zero_gradient);

  // gelu: int0 = 1 for the tanh approximation.
  t.set(GradOp::gelu, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor x = c.input(0);
    return variable_list{
        g[0] * (c.attrs().int0 == 1 ? gelu_derivative_tanh(x) : gelu_derivative_exact(x))};
  });
  // leaky_relu: scalar0 = negative_slope.
  t.set(GradOp::leaky_relu, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{where(c.input(0) > 0, g[0], g[0] * c.attrs().scalar0)};
  });
  // The backward functions themselves (inputs: grad_output, then the saved output or input),
  // as derivatives.yaml: differentiable in both, so that third-order gradients work too.
  t.set(GradOp::tanh_backward, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor grad_output = c.input(0);
    const Tensor y = c.input(1);
    return variable_list{c.needs_input_grad(0) ? tanh_backward(g[0], y) : Tensor(),
                         c.needs_input_grad(1) ? g[0] * (-2 * y * grad_output) : Tensor()};
  });
  t.set(GradOp::sigmoid_backward, Saves::kInputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor grad_output = c.input(0);
          const Tensor y = c.input(1);
          return variable_list{
              c.needs_input_grad(0) ? sigmoid_backward(g[0], y) : Tensor(),
              c.needs_input_grad(1) ? g[0] * grad_output * (-2 * y + 1) : Tensor()};
        });
  // threshold_backward: scalar0 = threshold. Piecewise constant in self: its gradient is 0.
  t.set(GradOp::threshold_backward, Saves::kInputs,
        [](const FormulaContext& c, const variable_list& g) {
          return variable_list{c.needs_input_grad(0)
                                   ? threshold_backward(g[0], c.input(1), c.attrs().scalar0)
                                   : Tensor(),
                               c.needs_input_grad(1) ? zeros_like(g[0]) : Tensor()};
        });
  // softmax / log_softmax: int0 = the dim (wrapped).
  t.set(GradOp::softmax, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor y = c.output(0);
    return variable_list{y * (g[0] - sum_along(g[0] * y, c.attrs().int0))};
  });
  t.set(GradOp::log_softmax, Saves::kOutputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0] - exp(c.output(0)) * sum_along(g[0], c.attrs().int0)};
  });

  // where(condition = tensors[0], a, b)
  t.set(GradOp::where, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const Tensor condition = c.extra(0);
    return variable_list{c.needs_input_grad(0) ? where(condition, g[0], 0) : Tensor(),
                         c.needs_input_grad(1) ? where(condition, 0, g[0]) : Tensor()};
  });
  // masked_fill(self, mask = tensors[0], number)
  t.set(GradOp::masked_fill, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0].masked_fill(c.extra(0), 0)};
  });
  // masked_fill(self, mask = tensors[0], 0-d value): the value's gradient is the sum of the
  // filled places (the engine sums it to 0-d).
  t.set(GradOp::masked_fill_tensor, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor mask = c.extra(0);
          return variable_list{c.needs_input_grad(0) ? g[0].masked_fill(mask, 0) : Tensor(),
                               c.needs_input_grad(1) ? where(mask, g[0], 0) : Tensor()};
        });
}

}  // namespace ember::autograd
