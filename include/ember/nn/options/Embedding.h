#pragma once

// Options of Embedding, Embedding::from_pretrained and F::embedding, as libtorch's
// torch/nn/options/embedding.h.

#include <cstdint>
#include <optional>

#include "ember/core/Arg.h"
#include "ember/core/Tensor.h"

namespace ember::nn {

struct EmbeddingOptions {
  EmbeddingOptions(int64_t num_embeddings, int64_t embedding_dim)
      : num_embeddings_(num_embeddings), embedding_dim_(embedding_dim) {}
  /// Size of the dictionary.
  EMBER_ARG(int64_t, num_embeddings);
  /// Size of each embedding vector.
  EMBER_ARG(int64_t, embedding_dim);
  /// This row gets no gradient and is initialised to zeros (negative counts from the end).
  EMBER_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
  /// Rows looked up are renormalised in place to at most this norm.
  EMBER_ARG(std::optional<double>, max_norm) = std::nullopt;
  /// The p of the norm for max_norm.
  EMBER_ARG(double, norm_type) = 2.;
  /// Gradients scaled by the inverse frequency of each index in the mini-batch.
  EMBER_ARG(bool, scale_grad_by_freq) = false;
  /// Sparse gradients (not supported: Ember has no sparse tensors).
  EMBER_ARG(bool, sparse) = false;
  /// A weight to use instead of a freshly initialised one.
  EMBER_ARG(Tensor, _weight) = Tensor();
};

struct EmbeddingFromPretrainedOptions {
  /// Whether the weight is kept out of training (requires_grad false).
  EMBER_ARG(bool, freeze) = true;
  EMBER_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
  EMBER_ARG(std::optional<double>, max_norm) = std::nullopt;
  EMBER_ARG(double, norm_type) = 2.;
  EMBER_ARG(bool, scale_grad_by_freq) = false;
  EMBER_ARG(bool, sparse) = false;
};

namespace functional {

struct EmbeddingFuncOptions {
  EMBER_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
  EMBER_ARG(std::optional<double>, max_norm) = std::nullopt;
  EMBER_ARG(double, norm_type) = 2.;
  EMBER_ARG(bool, scale_grad_by_freq) = false;
  EMBER_ARG(bool, sparse) = false;
};

}  // namespace functional
}  // namespace ember::nn
