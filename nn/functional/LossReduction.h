#pragma once

// Steps shared by the losses' implementations (not public).

#include <cstdint>
#include <string_view>

#include "ember/core/Tensor.h"

namespace ember::nn::detail {

/// Checks that `reduction` is one of ember::Reduction's codes.
void check_reduction(int64_t reduction);

/// ATen's apply_loss_reduction: the losses as they are (None), their mean or their sum.
Tensor apply_loss_reduction(const Tensor& loss, int64_t reduction);

/// Checks that the dtype the loss computes in is floating, with PyTorch's CPU wording
/// ("mse_cpu" not implemented for 'Long').
void check_floating(Dtype dtype, std::string_view kernel_name);

}  // namespace ember::nn::detail
