#pragma once

// A clamp that autograd does not see (not public): PyTorch clamps some tensors in place under
// no_grad (cosine_similarity's norms, gaussian_nll_loss's variance), so the value is clamped
// but the gradient passes as if it were not.

#include "ember/core/Functions.h"

namespace ember::nn::detail {

/// max(t, min) in value, with the gradient of t itself everywhere.
inline Tensor clamp_min_keeping_gradient(const Tensor& t, double min) {
  // (t - t.detach()) is an exact zero whose gradient is t's.
  return ember::where(t.detach() < min, (t - t.detach()) + min, t);
}

}  // namespace ember::nn::detail
