#pragma once

// Gradient clipping as libtorch's torch::nn::utils (torch/nn/utils/clip_grad.h): the
// gradients of the given parameters are scaled or clamped in place.

#include <initializer_list>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::nn::utils {

/// Scales the gradients of `parameters` (those that have one) so that their total norm of
/// order `norm_type` (the norm of the per-tensor norms; inf for the largest magnitude) is at
/// most `max_norm`: each is multiplied by min(1, max_norm / (total_norm + 1e-6)). Returns the
/// total norm before clipping (0 when no parameter has a gradient). With error_if_nonfinite a
/// NaN or infinite total norm is an error and nothing is scaled.
EMBER_API double clip_grad_norm_(std::vector<Tensor> parameters, double max_norm,
                                 double norm_type = 2.0, bool error_if_nonfinite = false);
EMBER_API double clip_grad_norm_(std::initializer_list<Tensor> parameters, double max_norm,
                                 double norm_type = 2.0, bool error_if_nonfinite = false);
EMBER_API double clip_grad_norm_(Tensor parameter, double max_norm, double norm_type = 2.0,
                                 bool error_if_nonfinite = false);

/// Clamps every gradient of `parameters` to [-clip_value, clip_value] in place.
EMBER_API void clip_grad_value_(std::vector<Tensor> parameters, double clip_value);
EMBER_API void clip_grad_value_(std::initializer_list<Tensor> parameters, double clip_value);
EMBER_API void clip_grad_value_(Tensor parameter, double clip_value);

}  // namespace ember::nn::utils
