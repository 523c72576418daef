#pragma once

// The shared body of the nll losses, used by cross_entropy too (not public).

#include <cstdint>

#include "ember/core/Tensor.h"

namespace ember::nn::detail {

/// Checks that class-index targets are Long or Byte, with PyTorch's message.
void check_nll_target_dtype(const Tensor& target);

/// The negative log likelihood of `target`'s classes in `input` (class dimension 0 for 1-d
/// input, else 1), after the caller checked the shapes; weight is undefined or has C
/// elements.
Tensor nll_loss_unchecked(const Tensor& input, const Tensor& target, const Tensor& weight,
                          int64_t reduction, int64_t ignore_index);

}  // namespace ember::nn::detail
