#pragma once

// F::interpolate(x, F::InterpolateFuncOptions().scale_factor({2, 2}).mode(ember::kBilinear)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Upsampling.h"

namespace ember::nn::functional {

/// Resamples the spatial dims of an (N, C, d1, ...) input to options.size(), or to
/// floor(d * scale_factor): kNearest (3-d to 5-d input) or the linear modes kLinear (3-d),
/// kBilinear (4-d) and kTrilinear (5-d), with PyTorch's source coordinates.
EMBER_API Tensor interpolate(const Tensor& input, const InterpolateFuncOptions& options = {});

}  // namespace ember::nn::functional
