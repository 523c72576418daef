#pragma once

// The per-channel scale and shift that group_norm and instance_norm end with (not public).

#include <string_view>

#include "ember/core/Tensor.h"

namespace ember::nn::detail {

/// Checks that `vector` (when defined) is 1-d with one value per channel of the (N, C, *)
/// `input`, with PyTorch's message naming it `name` ("weight", "bias").
void check_channel_vector(const Tensor& vector, std::string_view name, const Tensor& input);

/// x * weight + bias with weight and bias (each optional, size C) along dim 1 of x.
Tensor channel_affine(const Tensor& x, const Tensor& weight, const Tensor& bias);

/// `vector` (size C) shaped (1, C, 1, ...) to broadcast along dim 1 of a `dims`-d tensor.
Tensor along_channels(const Tensor& vector, int64_t dims);

}  // namespace ember::nn::detail
