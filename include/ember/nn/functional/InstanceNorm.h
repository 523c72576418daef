#pragma once

// F::instance_norm(x, F::InstanceNormFuncOptions().weight(w).bias(b)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/InstanceNorm.h"

namespace ember::nn::functional {

/// Each (sample, channel) slice of an (N, C, *) input normalised over its spatial elements
/// (biased variance), then * weight + bias per channel when given. With use_input_stats and
/// running statistics, those are updated in place (mean over the batch of each instance's
/// mean and unbiased variance); without use_input_stats, the running statistics normalise.
EMBER_API Tensor instance_norm(const Tensor& input, const InstanceNormFuncOptions& options = {});

}  // namespace ember::nn::functional
