#pragma once

// Pooling functions, as libtorch's torch/nn/functional/pooling.h:
// F::max_pool2d(x, F::MaxPool2dFuncOptions(2)), F::adaptive_avg_pool2d(x, {1, 1}).

#include <tuple>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Pooling.h"

namespace ember::nn::functional {

EMBER_API Tensor max_pool1d(const Tensor& input, const MaxPool1dFuncOptions& options);
EMBER_API Tensor max_pool2d(const Tensor& input, const MaxPool2dFuncOptions& options);
/// The maxima and their int64 indices into each input plane (h * W + w).
EMBER_API std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input,
                                                             const MaxPool1dFuncOptions& options);
EMBER_API std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input,
                                                             const MaxPool2dFuncOptions& options);
EMBER_API Tensor avg_pool1d(const Tensor& input, const AvgPool1dFuncOptions& options);
EMBER_API Tensor avg_pool2d(const Tensor& input, const AvgPool2dFuncOptions& options);
EMBER_API Tensor adaptive_avg_pool1d(const Tensor& input,
                                     const AdaptiveAvgPool1dFuncOptions& options);
EMBER_API Tensor adaptive_avg_pool2d(const Tensor& input,
                                     const AdaptiveAvgPool2dFuncOptions& options);

}  // namespace ember::nn::functional
