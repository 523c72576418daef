#include "autograd/AccumulateGrad.h"

#include <limits>

#include "autograd/AutogradMeta.h"
#include "ember/core/GradMode.h"

namespace ember::autograd {

AccumulateGrad::AccumulateGrad(Tensor variable) : variable_(std::move(variable)) {
  add_input_metadata(variable_);
}

variable_list AccumulateGrad::apply(variable_list&& grads) {
  Tensor new_grad = std::move(grads.at(0));
  if (!new_grad.defined()) return {};
  AutogradMeta& meta = ensure_meta(variable_);
  for (const auto& entry : meta.leaf_hooks_) {
    Tensor replaced = entry.second(new_grad);
    if (replaced.defined()) new_grad = std::move(replaced);
  }
  accumulate(meta.mutable_grad(), std::move(new_grad));
  // Copied: a hook may remove itself (or others) while they run.
  const auto hooks = meta.post_accumulate_hooks_;
  for (const auto& entry : hooks) entry.second(variable_);
  return {};
}

void AccumulateGrad::accumulate(Tensor& grad, Tensor new_grad) {
  if (GradMode::is_enabled()) {
    // A differentiable pass (create_graph): the gradient keeps its history.
    grad = grad.defined() ? grad + new_grad : new_grad;
    return;
  }
  if (!grad.defined()) {
    // Steal the buffer when nothing else refers to it; copy otherwise (it may be the gradient
    // the user passed in, a saved tensor, or an expanded view).
    const bool sole_owner = new_grad.use_count() == 1 && new_grad.is_contiguous() &&
                            new_grad.storage().use_count() == 1;
    grad = sole_owner ? new_grad.detach() : new_grad.clone();
  } else if (grad.requires_grad()) {
    grad = grad + new_grad;  // the old gradient is part of a graph: leave it intact
  } else {
    grad.add_(new_grad);
  }
}

}  // namespace ember::autograd
