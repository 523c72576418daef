#pragma once

// F::cosine_similarity(x1, x2, F::CosineSimilarityFuncOptions().dim(0)) and
// F::pairwise_distance(x1, x2, F::PairwiseDistanceFuncOptions().p(1)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/core/functions/Distance.h"
#include "ember/nn/options/Distance.h"

namespace ember::nn::functional {

/// Cosine of the angle between x1 and x2 along options.dim() (inputs broadcast).
EMBER_API Tensor cosine_similarity(const Tensor& x1, const Tensor& x2,
                                   const CosineSimilarityFuncOptions& options = {});

/// The p-norm of x1 - x2 + eps along the last dim (inputs broadcast).
EMBER_API Tensor pairwise_distance(const Tensor& x1, const Tensor& x2,
                                   const PairwiseDistanceFuncOptions& options = {});

}  // namespace ember::nn::functional
