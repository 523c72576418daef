// nll_loss for every layout PyTorch accepts: input (C) with a 0-d target, (N, C) with (N),
// (N, C, d1, ...) with (N, d1, ...). One composite (gather of the target class, masked by
// ignore_index, weighted) serves them all; the checks and their messages follow the ATen
// entry points nll_loss, nll_loss2d and nll_loss_nd.

#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/functional/Loss.h"
#include "nn/functional/LossNll.h"
#include "nn/functional/LossReduction.h"

namespace ember {
namespace nn::detail {
namespace {

Tensor defined_or_empty(const std::optional<Tensor>& weight) {
  return weight.has_value() ? *weight : Tensor();
}

/// The first target that is neither ignored nor a class in [0, n_classes), as PyTorch
/// reports it: "Target 4 is out of bounds."
void check_targets_in_range(const Tensor& target, const Tensor& counted, int64_t n_classes) {
  const Tensor bad = logical_and(counted, logical_or(target < 0, target >= n_classes));
  if (!bad.any().item<bool>()) return;
  const Tensor first = nonzero(bad.flatten())[0][0];
  EMBER_FAIL("Target {} is out of bounds.",
             target.flatten()[first.item<int64_t>()].item<int64_t>());
}

}  // namespace

void check_nll_target_dtype(const Tensor& target) {
  EMBER_CHECK(target.dtype() == kLong || target.dtype() == kByte,
              "expected target dtype to be Long or Byte, but got {}", target.dtype());
}

Tensor nll_loss_unchecked(const Tensor& input, const Tensor& target, const Tensor& weight,
                          int64_t reduction, int64_t ignore_index) {
  check_reduction(reduction);
  check_floating(input.dtype(), "nll_loss_out_frame");
  check_nll_target_dtype(target);
  if (weight.defined()) {
    EMBER_CHECK(weight.dtype() == input.dtype(), "expected scalar type {} but found {}",
                input.dtype(), weight.dtype());
  }
  const int64_t class_dim = input.dim() == 1 ? 0 : 1;
  const int64_t n_classes = input.size(class_dim);
  const Tensor target_long = target.to(kLong);
  const Tensor counted = target_long.ne(ignore_index);
  // Ignored positions read class 0 (always a valid index) and are masked out below.
  const Tensor safe_target = target_long.masked_fill(counted.logical_not(), 0);
  check_targets_in_range(safe_target, counted, n_classes);

  const Tensor picked =
      input.gather(class_dim, safe_target.unsqueeze(class_dim)).squeeze(class_dim);
  // The weight of each target, zero where ignored: the mean's denominator.
  const Tensor target_weight =
      weight.defined()
          ? where(counted, weight.index_select(0, safe_target.flatten()).view(safe_target.sizes()),
                  0.0)
          : counted.to(input.dtype());
  // `where`, not a product with the mask, so that ignored positions get an exact zero
  // gradient even when the mean divides by a zero total weight (all targets ignored: the
  // loss is nan and the gradient zero, as PyTorch).
  const Tensor losses = where(counted, -(picked * target_weight), 0.0);
  if (reduction == Reduction::None) return losses;
  if (reduction == Reduction::Sum) return losses.sum();
  return losses.sum() / target_weight.sum();
}

}  // namespace nn::detail

Tensor nll_loss(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                int64_t reduction, int64_t ignore_index) {
  EMBER_CHECK(self.dim() > 0 && self.dim() <= 2, "input tensor should be 1D or 2D");
  EMBER_CHECK(target.dim() <= 1, "0D or 1D target tensor expected, multi-target not supported");
  Tensor target_ = target;
  if (self.dim() == 1 && target.dim() == 1) {
    EMBER_CHECK(target.size(0) == 1,
                "For 1D input, 1D target must have size 1, but got target size: {}",
                target.size(0));
    target_ = target.reshape({});
  }
  const bool no_batch_dim = self.dim() == 1 && target_.dim() == 0;
  EMBER_CHECK(no_batch_dim || (target_.dim() == 1 && self.size(0) == target_.size(0)),
              "size mismatch (got input: {}, target: {})", self.sizes(), target.sizes());
  const Tensor w = nn::detail::defined_or_empty(weight);
  const int64_t n_classes = self.size(-1);
  EMBER_CHECK(!w.defined() || (w.dim() == 1 && w.numel() == n_classes),
              "weight tensor should be defined either for all {} classes or no classes but got "
              "weight tensor of shape: {}",
              n_classes, w.sizes());
  return nn::detail::nll_loss_unchecked(self, target_, w, reduction, ignore_index);
}

Tensor nll_loss2d(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                  int64_t reduction, int64_t ignore_index) {
  EMBER_CHECK(target.dim() == 3,
              "only batches of spatial targets supported (3D tensors) but got targets of "
              "dimension: {}",
              target.dim());
  EMBER_CHECK(self.dim() == 4,
              "only batches of spatial inputs supported (4D tensors), but got input of "
              "dimension: {}",
              self.dim());
  const Tensor w = nn::detail::defined_or_empty(weight);
  EMBER_CHECK(!w.defined() || w.numel() == self.size(1),
              "weight tensor should be defined either for all or no classes");
  // PyTorch's message, unbalanced parenthesis included.
  EMBER_CHECK(self.size(0) == target.size(0) && self.size(2) == target.size(1) &&
                  self.size(3) == target.size(2),
              "size mismatch (got input: {} , target: {}", self.sizes(), target.sizes());
  return nn::detail::nll_loss_unchecked(self, target, w.defined() ? w.flatten() : w, reduction,
                                        ignore_index);
}

Tensor nll_loss_nd(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                   int64_t reduction, int64_t ignore_index) {
  EMBER_CHECK(self.dim() >= 1, "Expected 1 or more dimensions (got {})", self.dim());
  if (self.dim() != 1) {
    const int64_t target_batch = target.dim() == 0 ? 0 : target.size(0);
    EMBER_CHECK(self.size(0) == target_batch,
                "Expected input batch_size ({}) to match target batch_size ({}).", self.size(0),
                target_batch);
  }
  if (self.dim() <= 2) return nll_loss(self, target, weight, reduction, ignore_index);
  if (self.dim() == 4) return nll_loss2d(self, target, weight, reduction, ignore_index);
  // 3 or more than 4 dimensions: PyTorch folds the extra dimensions into a 4-d problem; the
  // composite handles them as they are, after the same checks.
  std::vector<int64_t> expected{self.size(0)};
  for (int64_t d = 2; d < self.dim(); ++d) expected.push_back(self.size(d));
  std::vector<int64_t> got = target.sizes().vec();
  EMBER_CHECK(got.size() >= 1 && IntArrayRef(got).slice(1) == IntArrayRef(expected).slice(1),
              "Expected target size {}, got {}", IntArrayRef(expected), target.sizes());
  const Tensor w = nn::detail::defined_or_empty(weight);
  EMBER_CHECK(!w.defined() || w.numel() == self.size(1),
              "weight tensor should be defined either for all or no classes");
  return nn::detail::nll_loss_unchecked(self, target, w.defined() ? w.flatten() : w, reduction,
                                        ignore_index);
}

namespace nn::functional {

Tensor nll_loss(const Tensor& input, const Tensor& target, const NLLLossFuncOptions& options) {
  return ember::nll_loss_nd(input, target, options.weight(),
                            enumtype::reduction_get_enum(options.reduction()),
                            options.ignore_index());
}

}  // namespace nn::functional
}  // namespace ember
