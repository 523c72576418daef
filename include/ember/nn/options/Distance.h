#pragma once

// Options of CosineSimilarity and PairwiseDistance and their nn::functional forms, as
// libtorch's torch/nn/options/distance.h.

#include <cstdint>

#include "ember/core/Arg.h"

namespace ember::nn {

/// CosineSimilarity(CosineSimilarityOptions().dim(0).eps(1e-6)).
struct CosineSimilarityOptions {
  /// The dim along which the similarity is computed (it is removed from the result).
  EMBER_ARG(int64_t, dim) = 1;
  /// The smallest norm of either input divided by.
  EMBER_ARG(double, eps) = 1e-8;
};

/// PairwiseDistance(PairwiseDistanceOptions().p(1).keepdim(true)).
struct PairwiseDistanceOptions {
  /// The exponent of the norm.
  EMBER_ARG(double, p) = 2.0;
  /// Added to the differences (avoids a zero norm's undefined gradient).
  EMBER_ARG(double, eps) = 1e-6;
  /// Whether the last dim is kept (size 1).
  EMBER_ARG(bool, keepdim) = false;
};

namespace functional {
using CosineSimilarityFuncOptions = CosineSimilarityOptions;
using PairwiseDistanceFuncOptions = PairwiseDistanceOptions;
}  // namespace functional

}  // namespace ember::nn
