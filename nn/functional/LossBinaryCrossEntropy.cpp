// binary_cross_entropy and binary_cross_entropy_with_logits.
//
// binary_cross_entropy is a custom autograd function rather than a plain composite: its
// forward clamps each log at -100, and the composite's gradient through the clamp would be
// 0 * inf = nan where the input is exactly 0 or 1 (a saturated sigmoid), whereas PyTorch's
// gradient there is (x - y) / max(x (1 - x), 1e-12). The backward is written in public ops,
// so the gradient is itself differentiable (second derivatives, gradgradcheck).

#include "ember/autograd/Function.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/functional/Loss.h"
#include "nn/functional/LossReduction.h"

namespace ember {
namespace {

/// PyTorch's EPSILON in binary_cross_entropy_backward.
constexpr double kBinaryCrossEntropyEps = 1e-12;

void check_unit_interval(const Tensor& t, const char* what) {
  EMBER_CHECK(logical_and(t >= 0, t <= 1).all().item<bool>(),
              "all elements of {} should be between 0 and 1", what);
}

struct BinaryCrossEntropyFunction : public autograd::Function<BinaryCrossEntropyFunction> {
  static Tensor forward(autograd::AutogradContext* ctx, const Tensor& input, const Tensor& target,
                        const std::optional<Tensor>& weight, int64_t reduction) {
    const bool weighted = weight.has_value() && weight->defined();
    ctx->saved_data["reduction"] = reduction;
    ctx->saved_data["weighted"] = weighted;
    ctx->save_for_backward(weighted ? autograd::variable_list{input, target, *weight}
                                    : autograd::variable_list{input, target});
    // (y - 1) max(log(1 - x), -100) - y max(log(x), -100), in PyTorch's order.
    Tensor loss =
        (target - 1) * log1p(-input).clamp_min(-100) - target * log(input).clamp_min(-100);
    if (weighted) loss = loss * *weight;
    return nn::detail::apply_loss_reduction(loss, reduction);
  }

  static autograd::variable_list backward(autograd::AutogradContext* ctx,
                                          autograd::variable_list grad_outputs) {
    const autograd::variable_list saved = ctx->get_saved_variables();
    const Tensor& input = saved[0];
    const Tensor& target = saved[1];
    const bool weighted = ctx->saved_data["weighted"].toBool();
    Tensor grad = grad_outputs[0];
    if (weighted) grad = grad * saved[2];
    if (ctx->saved_data["reduction"].toInt() == Reduction::Mean) {
      grad = grad / static_cast<double>(input.numel());
    }
    Tensor grad_input;
    Tensor grad_target;
    if (ctx->needs_input_grad(0)) {
      grad_input =
          (input - target) / ((1 - input) * input).clamp_min(kBinaryCrossEntropyEps) * grad;
    }
    if (ctx->needs_input_grad(1)) {
      // -logit(x), unclamped, as PyTorch's binary_cross_entropy_target_backward.
      grad_target = -(input / (1 - input)).log() * grad;
    }
    return {grad_input, grad_target, Tensor(), Tensor()};
  }
};

}  // namespace

Tensor binary_cross_entropy(const Tensor& self, const Tensor& target,
                            const std::optional<Tensor>& weight, int64_t reduction) {
  nn::detail::check_reduction(reduction);
  EMBER_CHECK(target.dtype() == self.dtype(), "Found dtype {} but expected {}", target.dtype(),
              self.dtype());
  nn::detail::check_floating(self.dtype(), "binary_cross_entropy");
  check_unit_interval(self, "input");
  check_unit_interval(target, "target");
  return BinaryCrossEntropyFunction::apply(self, target, weight, reduction);
}

Tensor binary_cross_entropy_with_logits(const Tensor& self, const Tensor& target,
                                        const std::optional<Tensor>& weight,
                                        const std::optional<Tensor>& pos_weight,
                                        int64_t reduction) {
  nn::detail::check_reduction(reduction);
  nn::detail::check_floating(result_type(self, target), "binary_cross_entropy_with_logits");
  EMBER_CHECK(can_cast(result_type(self, target), target.dtype()),
              "result type {} can't be cast to the desired output type {}",
              result_type(self, target), target.dtype());
  Tensor log_sigmoid_input = ember::log_sigmoid(self);
  if (pos_weight.has_value() && pos_weight->defined()) {
    // (pos_weight - 1) y + 1 weighs the positive term; it broadcasts (over the last
    // dimension for a per-class pos_weight).
    log_sigmoid_input = log_sigmoid_input * ((*pos_weight - 1) * target + 1);
  }
  Tensor loss = (1 - target) * self - log_sigmoid_input;
  if (weight.has_value() && weight->defined()) loss = loss * *weight;
  return nn::detail::apply_loss_reduction(loss, reduction);
}

namespace nn::functional {

Tensor binary_cross_entropy(const Tensor& input, const Tensor& target,
                            const BinaryCrossEntropyFuncOptions& options) {
  EMBER_CHECK(target.sizes() == input.sizes(),
              "Using a target size ({}) that is different to the input size ({}) is deprecated. "
              "Please ensure they have the same size.",
              target.sizes(), input.sizes());
  Tensor weight = options.weight();
  if (weight.defined()) weight = weight.expand(target.sizes());
  return ember::binary_cross_entropy(input, target, weight,
                                     enumtype::reduction_get_enum(options.reduction()));
}

Tensor binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target,
                                        const BinaryCrossEntropyWithLogitsFuncOptions& options) {
  EMBER_CHECK(target.sizes() == input.sizes(),
              "Target size ({}) must be the same as input size ({})", target.sizes(),
              input.sizes());
  return ember::binary_cross_entropy_with_logits(input, target, options.weight(),
                                                 options.pos_weight(),
                                                 enumtype::reduction_get_enum(options.reduction()));
}

}  // namespace nn::functional
}  // namespace ember
