// The elementwise family's gradient cases: unary ops, activations, softmax, pow, maximum /
// minimum, clamp, where and masked_fill, out of place and in place. Inputs are drawn in
// (-1, 1); ops with a smaller domain shift them first (log(x + 2)), since a finite
// difference needs the function to be smooth around the point.

#include <string>
#include <vector>

#include "cases/CaseHelpers.h"
#include "cases/OpCase.h"

namespace ember_test {

using ember::Scalar;
using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;

namespace {

using cases::Fn;
using cases::kBinaryShapes;
using cases::kUnaryShapes;
using cases::Shapes;

void add(std::vector<OpCase>& c, const std::string& name, GradOp op, const Fn& fn,
         const std::vector<Shapes>& shape_sets) {
  cases::add_each(c, name, op, fn, shape_sets);
}

// The out-of-place op, its in-place form on a non-leaf (history rebased), and its in-place
// form on a view of a non-leaf (CopySlices on the base).
template <class Out, class In>
void add_unary(std::vector<OpCase>& cases, const std::string& name, GradOp op, Out out, In in) {
  add(
      cases, name, op, [out](const variable_list& v) { return variable_list{out(v[0])}; },
      kUnaryShapes);
  add(
      cases, name + "_", op,
      [in](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        in(y);
        return variable_list{y};
      },
      kUnaryShapes);
  add(cases, name + "_/view", op,
      [in](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        Tensor part = y.as_strided({3, 2}, {4, 1}, 1);  // columns 1 and 2 of a 3x4
        in(part);
        return variable_list{y};
      },
      {{{3, 4}}});
}

}  // namespace

std::vector<OpCase> elementwise_cases() {
  std::vector<OpCase> c;
  // clang-format off
  add_unary(c, "neg", GradOp::neg, [](const Tensor& x) { return -x; }, [](Tensor& x) { x.neg_(); });
  add_unary(c, "abs", GradOp::abs, [](const Tensor& x) { return x.abs(); }, [](Tensor& x) { x.abs_(); });
  add_unary(c, "sqrt", GradOp::sqrt, [](const Tensor& x) { return (x + 2).sqrt(); }, [](Tensor& x) { x.add_(2).sqrt_(); });
  add_unary(c, "rsqrt", GradOp::rsqrt, [](const Tensor& x) { return (x + 2).rsqrt(); }, [](Tensor& x) { x.add_(2).rsqrt_(); });
  add_unary(c, "exp", GradOp::exp, [](const Tensor& x) { return x.exp(); }, [](Tensor& x) { x.exp_(); });
  add_unary(c, "log", GradOp::log, [](const Tensor& x) { return (x + 2).log(); }, [](Tensor& x) { x.add_(2).log_(); });
  add_unary(c, "log1p", GradOp::log1p, [](const Tensor& x) { return x.log1p(); }, [](Tensor& x) { x.log1p_(); });
  add_unary(c, "sin", GradOp::sin, [](const Tensor& x) { return x.sin(); }, [](Tensor& x) { x.sin_(); });
  add_unary(c, "cos", GradOp::cos, [](const Tensor& x) { return x.cos(); }, [](Tensor& x) { x.cos_(); });
  add_unary(c, "tanh", GradOp::tanh, [](const Tensor& x) { return x.tanh(); }, [](Tensor& x) { x.tanh_(); });
  add_unary(c, "sigmoid", GradOp::sigmoid, [](const Tensor& x) { return x.sigmoid(); }, [](Tensor& x) { x.sigmoid_(); });
  add_unary(c, "relu", GradOp::relu, [](const Tensor& x) { return x.relu(); }, [](Tensor& x) { x.relu_(); });
  add_unary(c, "square", GradOp::pow_scalar, [](const Tensor& x) { return x.square(); }, [](Tensor& x) { x.square_(); });
  add_unary(c, "reciprocal", GradOp::reciprocal, [](const Tensor& x) { return (x + 2).reciprocal(); }, [](Tensor& x) { x.add_(2).reciprocal_(); });
  add_unary(c, "sign", GradOp::sign, [](const Tensor& x) { return x.sign(); }, [](Tensor& x) { x.sign_(); });
  add_unary(c, "floor", GradOp::floor, [](const Tensor& x) { return (x * 3).floor(); }, [](Tensor& x) { x.mul_(3).floor_(); });
  add_unary(c, "ceil", GradOp::ceil, [](const Tensor& x) { return (x * 3).ceil(); }, [](Tensor& x) { x.mul_(3).ceil_(); });
  add_unary(c, "round", GradOp::round, [](const Tensor& x) { return (x * 3).round(); }, [](Tensor& x) { x.mul_(3).round_(); });
  add_unary(c, "pow_scalar", GradOp::pow_scalar, [](const Tensor& x) { return (x + 2).pow(2.5); }, [](Tensor& x) { x.add_(2).pow_(2.5); });
  add_unary(c, "pow_int", GradOp::pow_scalar, [](const Tensor& x) { return x.pow(3); }, [](Tensor& x) { x.pow_(3); });
  add_unary(c, "clamp", GradOp::clamp, [](const Tensor& x) { return x.clamp(-0.5, 0.5); }, [](Tensor& x) { x.clamp_(-0.5, 0.5); });
  add_unary(c, "clamp_lower", GradOp::clamp, [](const Tensor& x) { return x.clamp(-0.5); }, [](Tensor& x) { x.clamp_(-0.5); });
  add_unary(c, "clamp_upper", GradOp::clamp, [](const Tensor& x) { return x.clamp(std::nullopt, 0.5); }, [](Tensor& x) { x.clamp_(std::nullopt, 0.5); });
  add_unary(c, "clamp_min", GradOp::clamp_min, [](const Tensor& x) { return x.clamp_min(-0.5); }, [](Tensor& x) { x.clamp_min_(-0.5); });
  add_unary(c, "clamp_max", GradOp::clamp_max, [](const Tensor& x) { return x.clamp_max(0.5); }, [](Tensor& x) { x.clamp_max_(0.5); });
  add_unary(c, "masked_fill", GradOp::masked_fill, [](const Tensor& x) { return x.masked_fill(x > 0.3, 2.0); }, [](Tensor& x) { x.masked_fill_(x > 0.3, 2.0); });
  add(c, "gelu", GradOp::gelu, [](const variable_list& v) { return variable_list{ember::gelu(v[0] * 3)}; }, kUnaryShapes);
  add(c, "gelu_tanh", GradOp::gelu, [](const variable_list& v) { return variable_list{ember::gelu(v[0] * 3, "tanh")}; }, kUnaryShapes);
  add(c, "leaky_relu", GradOp::leaky_relu, [](const variable_list& v) { return variable_list{v[0].leaky_relu(0.2)}; }, kUnaryShapes);
  add(c, "tanh_backward", GradOp::tanh_backward, [](const variable_list& v) { return variable_list{ember::tanh_backward(v[0], v[1])}; }, kBinaryShapes);
  add(c, "sigmoid_backward", GradOp::sigmoid_backward, [](const variable_list& v) { return variable_list{ember::sigmoid_backward(v[0], v[1])}; }, kBinaryShapes);
  add(c, "threshold_backward", GradOp::threshold_backward, [](const variable_list& v) { return variable_list{ember::threshold_backward(v[0], v[1], 0.1)}; }, kBinaryShapes);
  add(c, "softmax", GradOp::softmax, [](const variable_list& v) { return variable_list{v[0].softmax(-1)}; }, kUnaryShapes);
  add(c, "softmax_dim0", GradOp::softmax, [](const variable_list& v) { return variable_list{v[0].softmax(0)}; }, {{{3, 4}}});
  add(c, "log_softmax", GradOp::log_softmax, [](const variable_list& v) { return variable_list{v[0].log_softmax(-1)}; }, kUnaryShapes);
  add(c, "log_softmax_dim0", GradOp::log_softmax, [](const variable_list& v) { return variable_list{v[0].log_softmax(0)}; }, {{{3, 4}}});
  add(c, "pow_scalar_base", GradOp::pow_scalar_base, [](const variable_list& v) { return variable_list{ember::pow(2.5, v[0])}; }, kUnaryShapes);
  add(c, "pow", GradOp::pow, [](const variable_list& v) { return variable_list{ember::pow(v[0] + 2, v[1])}; }, kBinaryShapes);
  add(c, "pow_", GradOp::pow, [](const variable_list& v) { Tensor y = v[0] + 2; y.pow_(v[1]); return variable_list{y}; }, {{{3, 4}, {3, 4}}, {{3, 4}, {1, 4}}});
  add(c, "maximum", GradOp::maximum, [](const variable_list& v) { return variable_list{ember::maximum(v[0], v[1])}; }, kBinaryShapes);
  add(c, "minimum", GradOp::minimum, [](const variable_list& v) { return variable_list{ember::minimum(v[0], v[1])}; }, kBinaryShapes);
  add(c, "max", GradOp::maximum, [](const variable_list& v) { return variable_list{v[0].max(v[1])}; }, {{{3, 4}, {3, 4}}});
  add(c, "min", GradOp::minimum, [](const variable_list& v) { return variable_list{v[0].min(v[1])}; }, {{{3, 4}, {3, 4}}});
  add(c, "where", GradOp::where, [](const variable_list& v) { return variable_list{ember::where(v[0] > 0, v[0], v[1])}; }, kBinaryShapes);
  add(c, "where_scalar_other", GradOp::where, [](const variable_list& v) { return variable_list{ember::where(v[0] > 0, v[0], 0.5)}; }, kUnaryShapes);
  add(c, "where_scalar_self", GradOp::where, [](const variable_list& v) { return variable_list{ember::where(v[0] > 0, 0.5, v[0])}; }, kUnaryShapes);
  add(c, "masked_fill_broadcast_mask", GradOp::masked_fill, [](const variable_list& v) { return variable_list{v[0].masked_fill(v[1] > 0, 2.0)}; }, {{{3, 4}, {4}}});
  add(c, "masked_fill_tensor", GradOp::masked_fill_tensor, [](const variable_list& v) { return variable_list{v[0].masked_fill(v[0] > 0.3, v[1])}; }, {{{3, 4}, {}}, {{1, 1}, {}}, {{0, 3}, {}}});
  add(c, "masked_fill_tensor_", GradOp::masked_fill_tensor, [](const variable_list& v) { Tensor y = v[0] * 1.0; y.masked_fill_(y > 0.3, v[1]); return variable_list{y}; }, {{{3, 4}, {}}});
  // clang-format on
  return c;
}

}  // namespace ember_test
