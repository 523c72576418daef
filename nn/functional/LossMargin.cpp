// The margin losses: margin_ranking_loss, cosine_embedding_loss and triplet_margin_loss, as
// composites of public ops (autograd, second derivatives included, comes from theirs)
// computing PyTorch's formulas.

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/functions/Distance.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/functional/Loss.h"
#include "nn/functional/LossReduction.h"

namespace ember {

Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                           double margin, int64_t reduction) {
  nn::detail::check_reduction(reduction);
  const Tensor loss = (-target * (input1 - input2) + margin).clamp_min(0);
  return nn::detail::apply_loss_reduction(loss, reduction);
}

Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                             double margin, int64_t reduction) {
  nn::detail::check_reduction(reduction);
  const int64_t target_dim = target.dim();
  EMBER_CHECK(target_dim == 1 || target_dim == 0,
              "0D or 1D target tensor expected, multi-target not supported");
  if (target_dim == 1) {
    EMBER_CHECK(input1.dim() == 2 && input2.dim() == 2,
                "1D target tensor expects 2D input tensors, but found inputs with sizes {} and {}.",
                input1.sizes().vec(), input2.sizes().vec());
  } else {
    EMBER_CHECK(input1.dim() == 1 && input2.dim() == 1,
                "0D target tensor expects 1D input tensors, but found inputs with sizes {} and {}.",
                input1.sizes().vec(), input2.sizes().vec());
  }
  // PyTorch's EPSILON keeps the denominator of a zero vector's cosine positive.
  constexpr double kEpsilon = 1e-12;
  const int64_t dims[] = {target_dim};
  const Tensor product_sum = (input1 * input2).sum(dims);
  const Tensor magnitude1 = (input1 * input1).sum(dims) + kEpsilon;
  const Tensor magnitude2 = (input2 * input2).sum(dims) + kEpsilon;
  const Tensor cosine = product_sum / (magnitude1 * magnitude2).sqrt();
  const Tensor zeros = ember::zeros_like(cosine);
  const Tensor similar = ember::where(target == 1, 1 - cosine, zeros);
  const Tensor dissimilar = ember::where(target == -1, (cosine - margin).clamp_min(0), zeros);
  return nn::detail::apply_loss_reduction(similar + dissimilar, reduction);
}

Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                           double margin, double p, double eps, bool swap, int64_t reduction) {
  nn::detail::check_reduction(reduction);
  EMBER_CHECK(anchor.dim() == positive.dim() && positive.dim() == negative.dim(),
              "The anchor, positive, and negative tensors are expected to have the same number of "
              "dimensions, but got: anchor {}D, positive {}D, and negative {}D inputs",
              anchor.dim(), positive.dim(), negative.dim());
  const Tensor positive_distance = pairwise_distance(anchor, positive, p, eps);
  Tensor negative_distance = pairwise_distance(anchor, negative, p, eps);
  if (swap) {
    negative_distance =
        ember::min(negative_distance, pairwise_distance(positive, negative, p, eps));
  }
  const Tensor loss = (margin + positive_distance - negative_distance).clamp_min(0);
  return nn::detail::apply_loss_reduction(loss, reduction);
}

namespace nn::functional {

Tensor margin_ranking_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                           const MarginRankingLossFuncOptions& options) {
  EMBER_CHECK(input1.dim() == input2.dim() && input1.dim() == target.dim(),
              "margin_ranking_loss : All input tensors should have same dimension but got sizes: "
              "input1: {}, input2: {}, target: {} ",
              input1.sizes().vec(), input2.sizes().vec(), target.sizes().vec());
  return ember::margin_ranking_loss(input1, input2, target, options.margin(),
                                    enumtype::reduction_get_enum(options.reduction()));
}

Tensor cosine_embedding_loss(const Tensor& input1, const Tensor& input2, const Tensor& target,
                             const CosineEmbeddingLossFuncOptions& options) {
  return ember::cosine_embedding_loss(input1, input2, target, options.margin(),
                                      enumtype::reduction_get_enum(options.reduction()));
}

Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative,
                           const TripletMarginLossFuncOptions& options) {
  return ember::triplet_margin_loss(anchor, positive, negative, options.margin(), options.p(),
                                    options.eps(), options.swap(),
                                    enumtype::reduction_get_enum(options.reduction()));
}

}  // namespace nn::functional
}  // namespace ember
