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

/// KL divergence of the target from the input (log-probabilities); kBatchMean divides the
/// sum by the batch size.
EMBER_API Tensor kl_div(const Tensor& input, const Tensor& target,
                        const KLDivFuncOptions& options = {});
/// max(0, -target (input1 - input2) + margin); the three must have the same number of dims.
EMBER_API Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2,
                                     const Tensor& target,
                                     const MarginRankingLossFuncOptions& options = {});
/// Cosine embedding loss of (N, D) pairs with targets 1 / -1 (N), or one (D) pair.
EMBER_API Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2,
                                       const Tensor& target,
                                       const CosineEmbeddingLossFuncOptions& options = {});
/// Triplet margin loss of (N, D) or (D) anchors, positives and negatives.
EMBER_API Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive,
                                     const Tensor& negative,
                                     const TripletMarginLossFuncOptions& options = {});
/// Negative log likelihood of a Poisson distribution with rate exp(input) (or input).
EMBER_API Tensor poisson_nll_loss(const Tensor& input, const Tensor& target,
                                  const PoissonNLLLossFuncOptions& options = {});
/// Negative log likelihood of a Gaussian with mean input and variance var: var has the
/// input's shape, or one dim of size 1 (or the last dim missing) for a shared variance.
EMBER_API Tensor gaussian_nll_loss(const Tensor& input, const Tensor& target, const Tensor& var,
                                   const GaussianNLLLossFuncOptions& options = {});

}  // namespace ember::nn::functional
