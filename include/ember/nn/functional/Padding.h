#pragma once

// F::pad(x, F::PadFuncOptions({1, 1}).mode(ember::kReplicate)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Padding.h"

namespace ember::nn::functional {

/// Pads the last dims: constant (with options.value()), reflect, replicate or circular.
EMBER_API Tensor pad(const Tensor& input, const PadFuncOptions& options);

}  // namespace ember::nn::functional
