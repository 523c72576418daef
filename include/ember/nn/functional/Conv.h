#pragma once

// F::conv1d / conv2d / conv_transpose2d, as libtorch's torch/nn/functional/conv.h:
// F::conv2d(x, w, F::Conv2dFuncOptions().stride(2).padding(1)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Conv.h"

namespace ember::nn::functional {

EMBER_API Tensor conv1d(const Tensor& input, const Tensor& weight,
                        const Conv1dFuncOptions& options = {});
EMBER_API Tensor conv2d(const Tensor& input, const Tensor& weight,
                        const Conv2dFuncOptions& options = {});
EMBER_API Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                                  const ConvTranspose2dFuncOptions& options = {});

}  // namespace ember::nn::functional
