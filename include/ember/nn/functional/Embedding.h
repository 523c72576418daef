#pragma once

// F::embedding(indices, weight, F::EmbeddingFuncOptions().padding_idx(0).max_norm(1.0)),
// F::embedding_bag and F::one_hot.

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Embedding.h"

namespace ember::nn::functional {

/// The rows of the 2-d `weight` that the int64/int32 `input` names, shaped
/// input.sizes() + [embedding_dim]. With max_norm the rows looked up are first renormalised in
/// place in `weight` (without recording), as PyTorch's.
EMBER_API Tensor embedding(const Tensor& input, const Tensor& weight,
                           const EmbeddingFuncOptions& options = {});

/// The rows of `weight` that the indices of each bag name, reduced by options.mode(): a 2-d
/// input (B, L) is B bags of L indices; a 1-d input is cut into bags where options.offsets()
/// say. Empty bags give zeros. Shape (B, embedding_dim).
EMBER_API Tensor embedding_bag(const Tensor& input, const Tensor& weight,
                               const EmbeddingBagFuncOptions& options = {});

/// The int64 one-hot encoding of the int64 `tensor`: shape tensor.sizes() + [num_classes];
/// num_classes -1 takes the largest value + 1.
EMBER_API Tensor one_hot(const Tensor& tensor, int64_t num_classes = -1);

}  // namespace ember::nn::functional
