#pragma once

// nn::functional::linear, as libtorch's F::linear: input @ weight^T + bias.

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::nn::functional {

/// `input` (*, in_features) times `weight` (out_features, in_features) transposed, plus `bias`
/// (out_features) when defined. 2-d inputs with a bias take one addmm, as PyTorch.
EMBER_API Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias = {});

}  // namespace ember::nn::functional
