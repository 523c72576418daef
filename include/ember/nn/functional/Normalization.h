#pragma once

// F::layer_norm(x, F::LayerNormFuncOptions({3}).weight(w).bias(b).eps(1e-5)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Normalization.h"

namespace ember::nn::functional {

/// (x - mean) / sqrt(var + eps) over the trailing dims normalized_shape (biased variance),
/// then * weight + bias when given.
EMBER_API Tensor layer_norm(const Tensor& input, const LayerNormFuncOptions& options);

}  // namespace ember::nn::functional
