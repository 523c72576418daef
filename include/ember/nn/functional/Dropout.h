#pragma once

// F::dropout(x, F::DropoutFuncOptions().p(0.2).training(true).inplace(false)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Dropout.h"

namespace ember::nn::functional {

/// Zeroes each element with probability p and scales the others by 1 / (1 - p) when
/// training; returns the input itself when not training or when p is 0. p must be in [0, 1].
EMBER_API Tensor dropout(Tensor input, const DropoutFuncOptions& options = {});

}  // namespace ember::nn::functional
