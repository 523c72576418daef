#pragma once

// F::batch_norm(x, running_mean, running_var, F::BatchNormFuncOptions().training(true)), as
// libtorch's torch/nn/functional/batchnorm.h.

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/BatchNorm.h"

namespace ember::nn::functional {

/// momentum nullopt moves the running statistics by 0 (the caller averages them itself, as
/// the layers do for a cumulative average).
EMBER_API Tensor batch_norm(const Tensor& input, const Tensor& running_mean,
                            const Tensor& running_var, const BatchNormFuncOptions& options = {});

}  // namespace ember::nn::functional
