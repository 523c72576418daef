#pragma once

// Autograd-free bodies of batch normalisation: the backend's statistics, normalisation and
// backward kernels over the input viewed as [N, C, S]. core/api/BatchNorm.cpp records
// NativeBatchNormBackward0 and NativeBatchNormBackwardBackward0 around them, and defines the
// latter's formula.

#include <array>
#include <tuple>

#include "ember/core/Tensor.h"

namespace ember::native {

/// (output, mean, invstd): training normalises by the batch's statistics (and moves the
/// running ones, when defined, by `momentum` towards them, the variance unbiased);
/// evaluation by running_mean and 1 / sqrt(running_var + eps), which it returns. Arguments
/// are checked by the front end.
std::tuple<Tensor, Tensor, Tensor> batch_norm(const Tensor& input, const Tensor& weight,
                                              const Tensor& bias, const Tensor& running_mean,
                                              const Tensor& running_var, bool training,
                                              double momentum, double eps);
/// The fused backward given the statistics the forward normalised by.
std::tuple<Tensor, Tensor, Tensor> batch_norm_backward(const Tensor& grad_out, const Tensor& input,
                                                       const Tensor& weight, const Tensor& mean,
                                                       const Tensor& invstd, bool training,
                                                       std::array<bool, 3> output_mask);

}  // namespace ember::native

namespace ember::detail {

/// ATen's batchnorm_double_backward, in differentiable public ops (it records when the graph
/// is built again): the gradients (of grad_out, input, weight) of native_batch_norm_backward's
/// outputs (grad_input, grad_weight, grad_bias) given theirs, ggI, ggW, ggB (all defined).
/// Training takes the batch's statistics as functions of the input. mask: which of the three
/// to compute (the others are undefined).
std::tuple<Tensor, Tensor, Tensor> batch_norm_double_backward(
    const Tensor& grad_out, const Tensor& input, const Tensor& weight, const Tensor& running_mean,
    const Tensor& running_var, bool train, double eps, const Tensor& ggI, const Tensor& ggW,
    const Tensor& ggB, std::array<bool, 3> mask);

}  // namespace ember::detail
