#pragma once

// nn::functional's losses with libtorch's signatures:
// `F::mse_loss(input, target, F::MSELossFuncOptions(ember::kSum))`,
// `F::cross_entropy(input, target, F::CrossEntropyFuncOptions().label_smoothing(0.1))`.
// The shape checks and broadcasting are Python's torch.nn.functional's; the losses themselves
// are the top-level functions of ember/nn/LossFunctions.h.

#include <optional>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/options/Loss.h"

namespace ember::nn::functional {

/// Mean squared error; input and target broadcast (as PyTorch, which only warns).
EMBER_API Tensor mse_loss(const Tensor& input, const Tensor& target,
                          const MSELossFuncOptions& options = {});
/// Mean absolute error; input and target broadcast.
EMBER_API Tensor l1_loss(const Tensor& input, const Tensor& target,
                         const L1LossFuncOptions& options = {});
/// Huber loss with options.delta(); input and target broadcast.
EMBER_API Tensor huber_loss(const Tensor& input, const Tensor& target,
                            const HuberLossFuncOptions& options = {});
/// Smooth L1 loss; `beta`, when given, overrides options.beta() (libtorch's extra argument).
EMBER_API Tensor smooth_l1_loss(const Tensor& input, const Tensor& target,
                                const SmoothL1LossFuncOptions& options = {},
                                std::optional<double> beta = std::nullopt);
/// Binary cross entropy of probabilities; target must have the input's shape.
EMBER_API Tensor binary_cross_entropy(const Tensor& input, const Tensor& target,
                                      const BinaryCrossEntropyFuncOptions& options = {});
/// Binary cross entropy of logits; target must have the input's shape.
EMBER_API Tensor
binary_cross_entropy_with_logits(const Tensor& input, const Tensor& target,
                                 const BinaryCrossEntropyWithLogitsFuncOptions& options = {});
/// Negative log likelihood of class-index targets: input (C), (N, C) or (N, C, d1, ...).
EMBER_API Tensor nll_loss(const Tensor& input, const Tensor& target,
                          const NLLLossFuncOptions& options = {});
/// Cross entropy of logits with class-index targets or class probabilities.
EMBER_API Tensor cross_entropy(const Tensor& input, const Tensor& target,
                               const CrossEntropyFuncOptions& options = {});

}  // namespace ember::nn::functional
