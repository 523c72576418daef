// Backward of the math family (erf, inverse and hyperbolic trigonometry, atan2, hypot,
// remainder, fmod, lerp, addcmul / addcdiv, nan_to_num) and of the activations softplus, silu,
// mish, elu, hardtanh and log_sigmoid, as PyTorch's tools/autograd/derivatives.yaml and
// FunctionsManual.cpp. Written in public ops so that they record under create_graph.

#include <cmath>

#include "autograd/Formula.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

using Ctx = FormulaContext;

variable_list zero_gradient(const Ctx&, const variable_list& g) {
  return variable_list{zeros_like(g[0])};
}

constexpr double kTwoOverSqrtPi = M_2_SQRTPI;

// One-input formulas f(grad, x) of the saved input or f(grad, y) of the saved output. F is a
// captureless lambda's type (default-constructible), so the formula stays a plain function.
template <class F>
void set_of_input(FormulaTable& t, GradOp op, F /*f*/) {
  t.set(op, Saves::kInputs,
        [](const Ctx& c, const variable_list& g) { return variable_list{F{}(g[0], c.input(0))}; });
}
template <class F>
void set_of_output(FormulaTable& t, GradOp op, F /*f*/) {
  t.set(op, Saves::kOutputs,
        [](const Ctx& c, const variable_list& g) { return variable_list{F{}(g[0], c.output(0))}; });
}

Tensor maybe(const Ctx& c, size_t i, const Tensor& grad) {
  return c.needs_input_grad(i) ? grad : Tensor();
}

}  // namespace

void register_math_formulas(FormulaTable& t) {
  set_of_input(t, GradOp::erf,
               [](const Tensor& g, const Tensor& x) { return g * exp(-(x * x)) * kTwoOverSqrtPi; });
  set_of_input(t, GradOp::erfc, [](const Tensor& g, const Tensor& x) {
    return g * exp(-(x * x)) * -kTwoOverSqrtPi;
  });
  // 0.5 * sqrt(pi) * exp(erfinv(x)^2), with erfinv(x) the output.
  set_of_output(t, GradOp::erfinv, [](const Tensor& g, const Tensor& y) {
    return g * exp(y * y) * (0.5 * std::sqrt(M_PI));
  });
  set_of_input(t, GradOp::asin,
               [](const Tensor& g, const Tensor& x) { return g * rsqrt(-(x * x) + 1); });
  set_of_input(t, GradOp::acos,
               [](const Tensor& g, const Tensor& x) { return g * -rsqrt(-(x * x) + 1); });
  set_of_input(t, GradOp::atan, [](const Tensor& g, const Tensor& x) { return g / (x * x + 1); });
  set_of_input(t, GradOp::sinh, [](const Tensor& g, const Tensor& x) { return g * cosh(x); });
  set_of_input(t, GradOp::cosh, [](const Tensor& g, const Tensor& x) { return g * sinh(x); });
  set_of_input(t, GradOp::asinh,
               [](const Tensor& g, const Tensor& x) { return g * rsqrt(x * x + 1); });
  set_of_input(t, GradOp::acosh,
               [](const Tensor& g, const Tensor& x) { return g * rsqrt(x * x - 1); });
  set_of_input(t, GradOp::atanh,
               [](const Tensor& g, const Tensor& x) { return g / (-(x * x) + 1); });
  set_of_output(t, GradOp::tan, [](const Tensor& g, const Tensor& y) { return g * (y * y + 1); });
  set_of_output(t, GradOp::expm1, [](const Tensor& g, const Tensor& y) { return g * (y + 1); });
  set_of_input(t, GradOp::log2, [](const Tensor& g, const Tensor& x) { return g / (x * M_LN2); });
  set_of_input(t, GradOp::log10, [](const Tensor& g, const Tensor& x) { return g / (x * M_LN10); });
  set_of_output(t, GradOp::exp2, [](const Tensor& g, const Tensor& y) { return g * y * M_LN2; });
  t.set(GradOp::trunc, Saves::kNothing, zero_gradient);
  t.set(GradOp::frac, Saves::kNothing,
        [](const Ctx&, const variable_list& g) { return variable_list{g[0]}; });

  t.set(GradOp::atan2, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    const Tensor a = c.input(0);
    const Tensor b = c.input(1);
    const Tensor denominator = a * a + b * b;
    return variable_list{maybe(c, 0, g[0] * b / denominator), maybe(c, 1, g[0] * -a / denominator)};
  });
  t.set(GradOp::hypot, Saves::kInputsAndOutputs, [](const Ctx& c, const variable_list& g) {
    const Tensor y = c.output(0);
    return variable_list{maybe(c, 0, g[0] * c.input(0) / y), maybe(c, 1, g[0] * c.input(1) / y)};
  });
  // remainder(a, b) = a - b * floor(a / b) and fmod(a, b) = a - b * trunc(a / b): the quotient
  // is piecewise constant.
  t.set(GradOp::remainder, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    return variable_list{maybe(c, 0, g[0]), c.needs_input_grad(1)
                                                ? -g[0] * floor_divide(c.input(0), c.input(1))
                                                : Tensor()};
  });
  t.set(GradOp::fmod, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    return variable_list{maybe(c, 0, g[0]), c.needs_input_grad(1)
                                                ? -g[0] * trunc(c.input(0) / c.input(1)).detach()
                                                : Tensor()};
  });
  t.set(GradOp::remainder_scalar, Saves::kNothing,
        [](const Ctx&, const variable_list& g) { return variable_list{g[0]}; });
  t.set(GradOp::fmod_scalar, Saves::kNothing,
        [](const Ctx&, const variable_list& g) { return variable_list{g[0]}; });

  // lerp(start, end, weight = scalar0) and lerp(start, end, weight tensor).
  t.set(GradOp::lerp, Saves::kNothing, [](const Ctx& c, const variable_list& g) {
    const Scalar& w = c.attrs().scalar0;
    return variable_list{maybe(c, 0, g[0] * (1 - w.to<double>())), maybe(c, 1, g[0] * w)};
  });
  t.set(GradOp::lerp_tensor, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    const Tensor w = c.input(2);
    return variable_list{maybe(c, 0, g[0] * (1 - w)), maybe(c, 1, g[0] * w),
                         c.needs_input_grad(2) ? g[0] * (c.input(1) - c.input(0)) : Tensor()};
  });
  // addcmul / addcdiv(self, tensor1, tensor2, value = scalar0).
  t.set(GradOp::addcmul, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    const Scalar& v = c.attrs().scalar0;
    return variable_list{maybe(c, 0, g[0]),
                         c.needs_input_grad(1) ? g[0] * c.input(2) * v : Tensor(),
                         c.needs_input_grad(2) ? g[0] * c.input(1) * v : Tensor()};
  });
  t.set(GradOp::addcdiv, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    const Scalar& v = c.attrs().scalar0;
    const Tensor t2 = c.input(2);
    return variable_list{maybe(c, 0, g[0]), c.needs_input_grad(1) ? g[0] * v / t2 : Tensor(),
                         c.needs_input_grad(2) ? -g[0] * v * c.input(1) / (t2 * t2) : Tensor()};
  });
  set_of_input(t, GradOp::nan_to_num,
               [](const Tensor& g, const Tensor& x) { return g * isfinite(x); });

  // softplus(x, beta = scalar0, threshold = scalar1): sigmoid(beta x) below the threshold.
  t.set(GradOp::softplus, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    const Tensor x = c.input(0);
    const Tensor bx = x * c.attrs().scalar0;
    return variable_list{where(bx > c.attrs().scalar1, g[0], g[0] * sigmoid(bx))};
  });
  set_of_input(t, GradOp::silu, [](const Tensor& g, const Tensor& x) {
    const Tensor s = sigmoid(x);
    return g * s * (x * (1 - s) + 1);
  });
  set_of_input(t, GradOp::mish, [](const Tensor& g, const Tensor& x) {
    const Tensor tanh_softplus = tanh(softplus(x));
    return g * (tanh_softplus + x * sigmoid(x) * (1 - tanh_softplus * tanh_softplus));
  });
  // elu(x, alpha = scalar0, scale = scalar1, input_scale = tensors[0]).
  t.set(GradOp::elu, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    const Tensor x = c.input(0);
    const double alpha = c.attrs().scalar0.to<double>();
    const double scale = c.attrs().scalar1.to<double>();
    const double input_scale = c.extra(0).item<double>();
    return variable_list{
        where(x > 0, g[0] * scale, g[0] * exp(x * input_scale) * (input_scale * alpha * scale))};
  });
  // hardtanh(x, min_val = scalar0, max_val = scalar1): zero at and beyond the bounds.
  t.set(GradOp::hardtanh, Saves::kInputs, [](const Ctx& c, const variable_list& g) {
    const Tensor x = c.input(0);
    const Tensor inside = logical_and(x > c.attrs().scalar0, x < c.attrs().scalar1);
    return variable_list{where(inside, g[0], 0)};
  });
  set_of_input(t, GradOp::log_sigmoid,
               [](const Tensor& g, const Tensor& x) { return g * sigmoid(-x); });
}

}  // namespace ember::autograd
