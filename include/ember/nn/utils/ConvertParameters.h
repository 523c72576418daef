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

/// Points each parameter's data at the next slice of the 1-d `vec`, in order (the inverse of
/// parameters_to_vector): afterwards the parameters share vec's memory, as in PyTorch. Nothing
/// is recorded for autograd.
EMBER_API void vector_to_parameters(const Tensor& vec, std::vector<Tensor> parameters);

}  // namespace ember::nn::utils
