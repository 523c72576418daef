// cross_entropy_loss as ATen's composite: nll_loss_nd of log_softmax over the class dimension
// for class-index targets (with PyTorch's label-smoothing term when asked), and the sum of
// -p log q over classes for class-probability targets (a floating target of the input's
// shape).

#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/functional/Loss.h"
#include "nn/functional/LossReduction.h"

namespace ember {
namespace {

int64_t class_dim_of(const Tensor& input) { return input.dim() == 1 ? 0 : 1; }

/// The per-class weight shaped to broadcast against the input: C along the class dimension.
Tensor weight_along_classes(const Tensor& weight, const Tensor& input) {
  std::vector<int64_t> shape(static_cast<size_t>(input.dim()), 1);
  shape[static_cast<size_t>(class_dim_of(input))] = weight.numel();
  return weight.view(shape);
}

void check_label_smoothing(double label_smoothing) {
  EMBER_CHECK(label_smoothing <= 1.0, "label_smoothing must be between 0.0 and 1.0. Got: {}",
              label_smoothing);
}

Tensor cross_entropy_probabilities(const Tensor& self, const Tensor& target, const Tensor& weight,
                                   int64_t reduction, double label_smoothing) {
  const int64_t class_dim = class_dim_of(self);
  const int64_t n_classes = self.size(class_dim);
  EMBER_CHECK(!weight.defined() || (weight.dim() == 1 && weight.numel() == n_classes),
              "cross_entropy: weight tensor should be defined either for all {} classes or no "
              "classes but got weight tensor of shape: {}",
              n_classes, weight.sizes());
  const Tensor log_probs = log_softmax(self, class_dim);
  Tensor smoothed = target;
  if (label_smoothing > 0.0) {
    check_label_smoothing(label_smoothing);
    smoothed = target * (1 - label_smoothing) + (label_smoothing / static_cast<double>(n_classes));
  }
  Tensor terms = log_probs * smoothed;
  if (weight.defined()) terms = terms * weight_along_classes(weight, self);
  if (reduction == Reduction::None) return -terms.sum({class_dim});
  if (reduction == Reduction::Sum) return -terms.sum();
  if (self.numel() == 0) return full({}, NAN, self.options());
  // PyTorch divides by the number of samples, an integer (not by the weights).
  return -terms.sum() / static_cast<double>(self.numel() / n_classes);
}

Tensor cross_entropy_label_smoothing(const Tensor& self, const Tensor& target, const Tensor& weight,
                                     int64_t reduction, int64_t ignore_index,
                                     double label_smoothing) {
  const int64_t class_dim = class_dim_of(self);
  const int64_t n_classes = self.size(class_dim);
  const Tensor log_probs = log_softmax(self, class_dim);
  const Tensor nll = nll_loss_nd(log_probs, target, weight, reduction, ignore_index);
  const Tensor ignored = target.to(kLong).eq(ignore_index);
  const Tensor smooth_terms =
      weight.defined() ? log_probs * weight_along_classes(weight, self) : log_probs;
  const Tensor smooth_loss = (-smooth_terms.sum({class_dim})).masked_fill(ignored, 0.0);
  Tensor smooth;
  if (reduction == Reduction::None) {
    smooth = smooth_loss;
  } else if (reduction == Reduction::Sum) {
    smooth = smooth_loss.sum();
  } else if (weight.defined()) {
    // Normalised by the weights of the counted targets, as nll_loss_nd's mean.
    const Tensor safe_target = target.to(kLong).masked_fill(ignored, 0);
    const Tensor target_weight =
        weight.index_select(0, safe_target.flatten()).masked_fill(ignored.flatten(), 0.0);
    smooth = smooth_loss.sum() / target_weight.sum();
  } else {
    smooth = smooth_loss.sum() / ignored.logical_not().sum();
  }
  return nll * (1 - label_smoothing) + smooth * (label_smoothing / static_cast<double>(n_classes));
}

}  // namespace

Tensor cross_entropy_loss(const Tensor& self, const Tensor& target,
                          const std::optional<Tensor>& weight, int64_t reduction,
                          int64_t ignore_index, double label_smoothing) {
  nn::detail::check_reduction(reduction);
  const Tensor w = weight.has_value() ? *weight : Tensor();
  if (self.sizes() == target.sizes()) {
    // Same shapes: the target holds class probabilities.
    EMBER_CHECK(is_floating_type(target.dtype()),
                "Expected floating point type for target with class probabilities, got {}",
                target.dtype());
    EMBER_CHECK(ignore_index < 0, "ignore_index is not supported for floating point target");
    return cross_entropy_probabilities(self, target, w, reduction, label_smoothing);
  }
  if (label_smoothing > 0.0) {
    check_label_smoothing(label_smoothing);
    return cross_entropy_label_smoothing(self, target, w, reduction, ignore_index, label_smoothing);
  }
  return nll_loss_nd(log_softmax(self, class_dim_of(self)), target, w, reduction, ignore_index);
}

namespace nn::functional {

Tensor cross_entropy(const Tensor& input, const Tensor& target,
                     const CrossEntropyFuncOptions& options) {
  return ember::cross_entropy_loss(input, target, options.weight(),
                                   enumtype::reduction_get_enum(options.reduction()),
                                   options.ignore_index(), options.label_smoothing());
}

}  // namespace nn::functional
}  // namespace ember
