#pragma once

// The loss modules, as libtorch's torch/nn/modules/loss.h: `nn::CrossEntropyLoss
// loss(nn::CrossEntropyLossOptions().label_smoothing(0.1)); loss(logits, labels)`. Each
// forwards to its nn::functional form; the tensor options (weight, pos_weight) are registered
// as buffers, so they follow the module's to(device/dtype) and are saved with it. They print
// as Python's ("MSELoss()", "CrossEntropyLoss()": Module's default pretty_print).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Loss.h"

namespace ember::nn {

/// Mean squared error: mean((input - target)^2) by default.
class EMBER_API MSELossImpl : public Cloneable<MSELossImpl> {
 public:
  explicit MSELossImpl(const MSELossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  MSELossOptions options;
};
EMBER_MODULE(MSELoss);

/// Mean absolute error.
class EMBER_API L1LossImpl : public Cloneable<L1LossImpl> {
 public:
  explicit L1LossImpl(const L1LossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  L1LossOptions options;
};
EMBER_MODULE(L1Loss);

/// Huber loss: quadratic below options.delta(), linear above.
class EMBER_API HuberLossImpl : public Cloneable<HuberLossImpl> {
 public:
  explicit HuberLossImpl(const HuberLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  HuberLossOptions options;
};
EMBER_MODULE(HuberLoss);

/// Smooth L1 loss: quadratic (divided by beta) below options.beta(), linear above.
class EMBER_API SmoothL1LossImpl : public Cloneable<SmoothL1LossImpl> {
 public:
  explicit SmoothL1LossImpl(const SmoothL1LossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  SmoothL1LossOptions options;
};
EMBER_MODULE(SmoothL1Loss);

/// Binary cross entropy of probabilities in [0, 1].
class EMBER_API BCELossImpl : public Cloneable<BCELossImpl> {
 public:
  explicit BCELossImpl(const BCELossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  BCELossOptions options;
  /// The buffer "weight" (undefined when options.weight() is).
  Tensor weight;
};
EMBER_MODULE(BCELoss);

/// Binary cross entropy of logits (sigmoid folded in, numerically stable).
class EMBER_API BCEWithLogitsLossImpl : public Cloneable<BCEWithLogitsLossImpl> {
 public:
  explicit BCEWithLogitsLossImpl(const BCEWithLogitsLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  BCEWithLogitsLossOptions options;
  /// The buffers "weight" and "pos_weight" (undefined when the options' are).
  Tensor weight;
  Tensor pos_weight;
};
EMBER_MODULE(BCEWithLogitsLoss);

/// Negative log likelihood of class-index targets.
class EMBER_API NLLLossImpl : public Cloneable<NLLLossImpl> {
 public:
  explicit NLLLossImpl(const NLLLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  NLLLossOptions options;
  /// The buffer "weight", one per class (undefined when options.weight() is).
  Tensor weight;
};
EMBER_MODULE(NLLLoss);

/// Cross entropy of logits with class indices or class probabilities.
class EMBER_API CrossEntropyLossImpl : public Cloneable<CrossEntropyLossImpl> {
 public:
  explicit CrossEntropyLossImpl(const CrossEntropyLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  CrossEntropyLossOptions options;
  /// The buffer "weight", one per class (undefined when options.weight() is).
  Tensor weight;
};
EMBER_MODULE(CrossEntropyLoss);

/// Kullback-Leibler divergence of the target from the input (log-probabilities).
class EMBER_API KLDivLossImpl : public Cloneable<KLDivLossImpl> {
 public:
  explicit KLDivLossImpl(const KLDivLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target);
  KLDivLossOptions options;
};
EMBER_MODULE(KLDivLoss);

/// max(0, -target (input1 - input2) + margin).
class EMBER_API MarginRankingLossImpl : public Cloneable<MarginRankingLossImpl> {
 public:
  explicit MarginRankingLossImpl(const MarginRankingLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input1, const Tensor& input2, const Tensor& target);
  MarginRankingLossOptions options;
};
EMBER_MODULE(MarginRankingLoss);

/// 1 - cos for similar pairs (target 1), max(0, cos - margin) for dissimilar ones (-1).
class EMBER_API CosineEmbeddingLossImpl : public Cloneable<CosineEmbeddingLossImpl> {
 public:
  explicit CosineEmbeddingLossImpl(const CosineEmbeddingLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input1, const Tensor& input2, const Tensor& target);
  CosineEmbeddingLossOptions options;
};
EMBER_MODULE(CosineEmbeddingLoss);

/// max(0, margin + d(anchor, positive) - d(anchor, negative)).
class EMBER_API TripletMarginLossImpl : public Cloneable<TripletMarginLossImpl> {
 public:
  explicit TripletMarginLossImpl(const TripletMarginLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& anchor, const Tensor& positive, const Tensor& negative);
  TripletMarginLossOptions options;
};
EMBER_MODULE(TripletMarginLoss);

/// Negative log likelihood of a Poisson target with rate exp(input) (or input).
class EMBER_API PoissonNLLLossImpl : public Cloneable<PoissonNLLLossImpl> {
 public:
  explicit PoissonNLLLossImpl(const PoissonNLLLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& log_input, const Tensor& target);
  PoissonNLLLossOptions options;
};
EMBER_MODULE(PoissonNLLLoss);

/// Negative log likelihood of a Gaussian target with mean input and variance var.
class EMBER_API GaussianNLLLossImpl : public Cloneable<GaussianNLLLossImpl> {
 public:
  explicit GaussianNLLLossImpl(const GaussianNLLLossOptions& options_ = {});
  void reset() override;
  Tensor forward(const Tensor& input, const Tensor& target, const Tensor& var);
  GaussianNLLLossOptions options;
};
EMBER_MODULE(GaussianNLLLoss);

}  // namespace ember::nn
