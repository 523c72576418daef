#pragma once

// F::embedding(indices, weight, F::EmbeddingFuncOptions().padding_idx(0).max_norm(1.0)).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/options/Embedding.h"

namespace ember::nn::functional {

/// The rows of the 2-d `weight` that the int64/int32 `input` names, shaped
/// input.sizes() + [embedding_dim]. With max_norm the rows looked up are first renormalised in
/// place in `weight` (without recording), as PyTorch's.
EMBER_API Tensor embedding(const Tensor& input, const Tensor& weight,
                           const EmbeddingFuncOptions& options = {});

}  // namespace ember::nn::functional
