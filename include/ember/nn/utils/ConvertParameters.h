#pragma once

// Parameters as one flat vector and back, as libtorch's torch::nn::utils
// (torch/nn/utils/convert_parameters.h).

#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::nn::utils {

/// The parameters flattened and concatenated in order into one 1-d tensor. All must be on the
/// same device.
EMBER_API Tensor parameters_to_vector(const std::vector<Tensor>& parameters);

/// Copies consecutive slices of the 1-d `vec` into the parameters, in order (the inverse of
/// parameters_to_vector). The values are copied into each parameter's own storage (PyTorch
/// instead re-points param.data at vec's memory); gradients are not recorded.
EMBER_API void vector_to_parameters(const Tensor& vec, std::vector<Tensor> parameters);

}  // namespace ember::nn::utils
