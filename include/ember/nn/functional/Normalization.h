#pragma once

// F::layer_norm(x, F::LayerNormFuncOptions({3}).weight(w).bias(b).eps(1e-5)), F::group_norm and
// F::normalize.

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Normalization.h"

namespace ember::nn::functional {

/// (x - mean) / sqrt(var + eps) over the trailing dims normalized_shape (biased variance),
/// then * weight + bias when given.
EMBER_API Tensor layer_norm(const Tensor& input, const LayerNormFuncOptions& options);

/// (x - mean) / sqrt(var + eps) over each group of num_groups channels of an (N, C, *) input
/// (biased variance), then * weight + bias per channel when given.
EMBER_API Tensor group_norm(const Tensor& input, const GroupNormFuncOptions& options);

/// input divided by its p-norm along options.dim() (at least eps).
EMBER_API Tensor normalize(const Tensor& input, NormalizeFuncOptions options = {});

}  // namespace ember::nn::functional
