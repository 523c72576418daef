#pragma once

// Options of the losses, as libtorch's torch/nn/options/loss.h: `MSELossOptions(ember::kSum)`,
// `CrossEntropyLossOptions().ignore_index(0).label_smoothing(0.1)`,
// `BCEWithLogitsLossOptions().pos_weight(w)`. Every one is constructible from a reduction
// (libtorch has that constructor for the losses without tensor options; the others get it
// too, which no libtorch program can tell apart). nn::functional names each under its
// `...FuncOptions` alias, as libtorch does.

#include <cstdint>
#include <variant>

#include "ember/core/Arg.h"
#include "ember/core/Enum.h"
#include "ember/core/Tensor.h"

// A default constructor and one implicit constructor per reduction value, as libtorch's
// TORCH_OPTIONS_CTOR_VARIANT_ARG3(Options, reduction, kNone, kMean, kSum).
#define EMBER_LOSS_OPTIONS_REDUCTION_CTORS(Options)                          \
  Options() {}                                                               \
  Options(enumtype::kNone reduction) : reduction_(reduction) {} /* NOLINT */ \
  Options(enumtype::kMean reduction) : reduction_(reduction) {} /* NOLINT */ \
  Options(enumtype::kSum reduction) : reduction_(reduction) {}  /* NOLINT */

namespace ember::nn {

/// Options of `MSELoss` and `functional::mse_loss`.
struct MSELossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(MSELossOptions)
  /// kNone, kMean or kSum.
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `L1Loss` and `functional::l1_loss`.
struct L1LossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(L1LossOptions)
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `BCELoss` and `functional::binary_cross_entropy`.
struct BCELossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(BCELossOptions)
  /// A rescaling weight of each element's loss, broadcast to the target's shape.
  EMBER_ARG(Tensor, weight) = {};
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `BCEWithLogitsLoss` and `functional::binary_cross_entropy_with_logits`.
struct BCEWithLogitsLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(BCEWithLogitsLossOptions)
  /// A rescaling weight of each element's loss (broadcast).
  EMBER_ARG(Tensor, weight) = {};
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
  /// The weight of positive examples, one per class (broadcast over the last dimension).
  EMBER_ARG(Tensor, pos_weight) = {};
};

/// Options of `NLLLoss` and `functional::nll_loss`.
struct NLLLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(NLLLossOptions)
  /// A weight per class (size C); all ones when undefined.
  EMBER_ARG(Tensor, weight) = {};
  /// A target value that is ignored: no loss, no gradient, no share of the mean.
  EMBER_ARG(int64_t, ignore_index) = -100;
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `CrossEntropyLoss` and `functional::cross_entropy`.
struct CrossEntropyLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(CrossEntropyLossOptions)
  /// A weight per class (size C); all ones when undefined.
  EMBER_ARG(Tensor, weight) = {};
  /// A target class that is ignored (class-index targets only).
  EMBER_ARG(int64_t, ignore_index) = -100;
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
  /// In [0, 1]: the target becomes (1 - label_smoothing) * target + label_smoothing / C.
  EMBER_ARG(double, label_smoothing) = 0.0;
};

/// Options of `HuberLoss` and `functional::huber_loss`.
struct HuberLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(HuberLossOptions)
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
  /// Where the loss changes from quadratic to linear (positive).
  EMBER_ARG(double, delta) = 1.0;
};

/// Options of `SmoothL1Loss` and `functional::smooth_l1_loss`.
struct SmoothL1LossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(SmoothL1LossOptions)
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
  /// Where the loss changes from quadratic to linear (non-negative; 0 gives the L1 loss).
  EMBER_ARG(double, beta) = 1.0;
};

/// Options of `KLDivLoss` and `functional::kl_div`.
struct KLDivLossOptions {
  using reduction_t =
      std::variant<enumtype::kNone, enumtype::kBatchMean, enumtype::kSum, enumtype::kMean>;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(KLDivLossOptions)
  KLDivLossOptions(enumtype::kBatchMean reduction) : reduction_(reduction) {} /* NOLINT */
  /// kNone, kBatchMean (the sum divided by the batch size, the KL divergence's definition),
  /// kSum or kMean (over every element).
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
  /// Whether the target holds log-probabilities (else probabilities).
  EMBER_ARG(bool, log_target) = false;
};

/// Options of `MarginRankingLoss` and `functional::margin_ranking_loss`.
struct MarginRankingLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(MarginRankingLossOptions)
  EMBER_ARG(double, margin) = 0;
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `CosineEmbeddingLoss` and `functional::cosine_embedding_loss`.
struct CosineEmbeddingLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(CosineEmbeddingLossOptions)
  /// In [-1, 1]: dissimilar pairs are penalised above this cosine.
  EMBER_ARG(double, margin) = 0.0;
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `TripletMarginLoss` and `functional::triplet_margin_loss`.
struct TripletMarginLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(TripletMarginLossOptions)
  EMBER_ARG(double, margin) = 1.0;
  /// The norm degree of the pairwise distances.
  EMBER_ARG(double, p) = 2.0;
  /// Added to the differences inside the distances.
  EMBER_ARG(double, eps) = 1e-6;
  /// Whether the negative's distance is the smaller of its distances to anchor and positive.
  EMBER_ARG(bool, swap) = false;
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `PoissonNLLLoss` and `functional::poisson_nll_loss`.
struct PoissonNLLLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(PoissonNLLLossOptions)
  /// Whether the input is the log of the rate (loss exp(input) - target * input) or the rate
  /// itself (loss input - target * log(input + eps)).
  EMBER_ARG(bool, log_input) = true;
  /// Whether Stirling's approximation of log(target!) is added (for targets above 1).
  EMBER_ARG(bool, full) = false;
  /// Keeps log(input + eps) finite when log_input is false.
  EMBER_ARG(double, eps) = 1e-8;
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

/// Options of `GaussianNLLLoss` and `functional::gaussian_nll_loss` (PyTorch's Python
/// options; libtorch lacks this loss).
struct GaussianNLLLossOptions {
  using reduction_t = LossReduction;
  EMBER_LOSS_OPTIONS_REDUCTION_CTORS(GaussianNLLLossOptions)
  /// Whether the constant 0.5 * log(2 pi) is added.
  EMBER_ARG(bool, full) = false;
  /// The variance is clamped to at least eps (the gradient passes the clamp unchanged).
  EMBER_ARG(double, eps) = 1e-6;
  EMBER_ARG(reduction_t, reduction) = ember::kMean;
};

namespace functional {
using MSELossFuncOptions = MSELossOptions;
using L1LossFuncOptions = L1LossOptions;
using BinaryCrossEntropyFuncOptions = BCELossOptions;
using BinaryCrossEntropyWithLogitsFuncOptions = BCEWithLogitsLossOptions;
using NLLLossFuncOptions = NLLLossOptions;
using CrossEntropyFuncOptions = CrossEntropyLossOptions;
using HuberLossFuncOptions = HuberLossOptions;
using SmoothL1LossFuncOptions = SmoothL1LossOptions;
using KLDivFuncOptions = KLDivLossOptions;
using MarginRankingLossFuncOptions = MarginRankingLossOptions;
using CosineEmbeddingLossFuncOptions = CosineEmbeddingLossOptions;
using TripletMarginLossFuncOptions = TripletMarginLossOptions;
using PoissonNLLLossFuncOptions = PoissonNLLLossOptions;
using GaussianNLLLossFuncOptions = GaussianNLLLossOptions;
}  // namespace functional

}  // namespace ember::nn

#undef EMBER_LOSS_OPTIONS_REDUCTION_CTORS
