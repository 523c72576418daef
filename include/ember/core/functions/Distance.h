#pragma once

// Distances and similarities as libtorch's top-level functions: `ember::cdist(x1, x2)`,
// `ember::cosine_similarity(x1, x2, 1, 1e-8)`, `ember::pairwise_distance(x1, x2, 2, 1e-6)`.
// nn::functional's cosine_similarity and pairwise_distance call these.

#include <cstdint>
#include <optional>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember {

/// The p-norm distance between each row of x1 (.., P, M) and each row of x2 (.., R, M):
/// shape (.., P, R), batch dims broadcast. compute_mode: 0 (or none) uses the matrix-product
/// formula for p = 2 when P or R exceeds 25, 1 always for p = 2, 2 never (PyTorch's codes).
EMBER_API Tensor cdist(const Tensor& x1, const Tensor& x2, double p = 2.0,
                       std::optional<int64_t> compute_mode = std::nullopt);

/// sum(x1 * x2) / (max(|x1|, eps) max(|x2|, eps)) along `dim` (inputs broadcast).
EMBER_API Tensor cosine_similarity(const Tensor& x1, const Tensor& x2, int64_t dim = 1,
                                   double eps = 1e-8);

/// The p-norm of x1 - x2 + eps along the last dim (inputs broadcast).
EMBER_API Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, double p = 2,
                                   double eps = 1e-6, bool keepdim = false);

}  // namespace ember
