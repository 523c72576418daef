#pragma once

// ATen's native batch normalisation and the pooling backward functions
// (at::native_batch_norm, at::native_batch_norm_backward, at::avg_pool2d_backward,
// at::_adaptive_avg_pool2d_backward): the pieces batch_norm, avg_pool2d and
// adaptive_avg_pool2d and their autograd nodes are built from.

#include <array>
#include <cstdint>
#include <optional>
#include <tuple>

#include "ember/core/ArrayRef.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember {

/// (output, save_mean, save_invstd). Training: the batch's mean and 1 / sqrt(biased var + eps)
/// per channel, the running statistics (when given) moved by `momentum` towards the batch's
/// (the variance unbiased) in place; evaluation: the running statistics, and save_mean and
/// save_invstd are empty. Node: NativeBatchNormBackward0.
EMBER_API std::tuple<Tensor, Tensor, Tensor> native_batch_norm(
    const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& running_mean,
    const Tensor& running_var, bool training, double momentum, double eps);
/// (grad_input, grad_weight, grad_bias), each computed when its output_mask entry is set
/// (else undefined). When an argument requires grad (double backward) it is computed in
/// differentiable ops, which record.
EMBER_API std::tuple<Tensor, Tensor, Tensor> native_batch_norm_backward(
    const Tensor& grad_out, const Tensor& input, const Tensor& weight, const Tensor& running_mean,
    const Tensor& running_var, const Tensor& save_mean, const Tensor& save_invstd, bool train,
    double eps, std::array<bool, 3> output_mask);

/// avg_pool2d's input gradient: each output cell's gradient spread over its window, divided as
/// the forward divides. Node (when differentiated): AvgPool2DBackwardBackward0.
EMBER_API Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& input,
                                     IntArrayRef kernel_size, IntArrayRef stride,
                                     IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                                     std::optional<int64_t> divisor_override);
/// adaptive_avg_pool2d's input gradient. Node (when differentiated):
/// AdaptiveAvgPool2DBackwardBackward0.
EMBER_API Tensor _adaptive_avg_pool2d_backward(const Tensor& grad_output, const Tensor& input);

}  // namespace ember
