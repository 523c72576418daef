#pragma once

// The losses as libtorch's top-level ATen functions (`torch::mse_loss(input, target,
// at::Reduction::Sum)`, `torch::cross_entropy_loss(...)`): tensors in, an integer reduction
// code (ember::Reduction), no options objects. nn::functional's forms call these.

#include <cstdint>
#include <optional>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Reduction.h"

namespace ember {

/// (input - target)^2, then reduced.
EMBER_API Tensor mse_loss(const Tensor& self, const Tensor& target,
                          int64_t reduction = Reduction::Mean);
/// |input - target|, then reduced.
EMBER_API Tensor l1_loss(const Tensor& self, const Tensor& target,
                         int64_t reduction = Reduction::Mean);
/// 0.5 z^2 where z = |input - target| < delta, else delta (z - 0.5 delta).
EMBER_API Tensor huber_loss(const Tensor& self, const Tensor& target,
                            int64_t reduction = Reduction::Mean, double delta = 1.0);
/// 0.5 z^2 / beta where z = |input - target| < beta, else z - 0.5 beta (L1 for beta = 0).
EMBER_API Tensor smooth_l1_loss(const Tensor& self, const Tensor& target,
                                int64_t reduction = Reduction::Mean, double beta = 1.0);
/// -w (y log(x) + (1 - y) log(1 - x)) with each log clamped to >= -100; x in [0, 1].
EMBER_API Tensor binary_cross_entropy(const Tensor& self, const Tensor& target,
                                      const std::optional<Tensor>& weight = {},
                                      int64_t reduction = Reduction::Mean);
/// binary_cross_entropy(sigmoid(x), y) in a numerically stable form; pos_weight weighs the
/// positive term.
EMBER_API Tensor binary_cross_entropy_with_logits(const Tensor& self, const Tensor& target,
                                                  const std::optional<Tensor>& weight = {},
                                                  const std::optional<Tensor>& pos_weight = {},
                                                  int64_t reduction = Reduction::Mean);
/// Negative log likelihood of class-index targets for 1-d (C) or 2-d (N, C) input.
EMBER_API Tensor nll_loss(const Tensor& self, const Tensor& target,
                          const std::optional<Tensor>& weight = {},
                          int64_t reduction = Reduction::Mean, int64_t ignore_index = -100);
/// nll_loss for 4-d input (N, C, H, W) and target (N, H, W).
EMBER_API Tensor nll_loss2d(const Tensor& self, const Tensor& target,
                            const std::optional<Tensor>& weight = {},
                            int64_t reduction = Reduction::Mean, int64_t ignore_index = -100);
/// nll_loss for any input (C), (N, C) or (N, C, d1, ...) with target (), (N) or (N, d1, ...).
EMBER_API Tensor nll_loss_nd(const Tensor& self, const Tensor& target,
                             const std::optional<Tensor>& weight = {},
                             int64_t reduction = Reduction::Mean, int64_t ignore_index = -100);
/// nll_loss_nd of log_softmax over the class dimension for class-index targets; with a
/// floating target of the input's shape, the cross entropy with class probabilities.
EMBER_API Tensor cross_entropy_loss(const Tensor& self, const Tensor& target,
                                    const std::optional<Tensor>& weight = {},
                                    int64_t reduction = Reduction::Mean,
                                    int64_t ignore_index = -100, double label_smoothing = 0.0);

/// target (log target - input) (0 where target is 0), or with log_target
/// exp(target) (target - input), then reduced (Mean: over every element).
EMBER_API Tensor kl_div(const Tensor& self, const Tensor& target,
                        int64_t reduction = Reduction::Mean, bool log_target = false);
/// max(0, -target (input1 - input2) + margin), then reduced.
EMBER_API Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2,
                                     const Tensor& target, double margin = 0.0,
                                     int64_t reduction = Reduction::Mean);
/// 1 - cos(x1, x2) where target is 1, max(0, cos(x1, x2) - margin) where it is -1.
EMBER_API Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2,
                                       const Tensor& target, double margin = 0.0,
                                       int64_t reduction = Reduction::Mean);
/// max(0, margin + d(anchor, positive) - d(anchor, negative)) with pairwise p-norm distances.
EMBER_API Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive,
                                     const Tensor& negative, double margin = 1.0, double p = 2,
                                     double eps = 1e-6, bool swap = false,
                                     int64_t reduction = Reduction::Mean);
/// exp(input) - target input (log_input), or input - target log(input + eps); plus
/// Stirling's term for targets above 1 when full.
EMBER_API Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, bool log_input,
                                  bool full, double eps, int64_t reduction);
}  // namespace ember
