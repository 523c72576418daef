#pragma once

// Options of Embedding, EmbeddingBag, their from_pretrained, F::embedding and
// F::embedding_bag, as libtorch's
// torch/nn/options/embedding.h.

#include <cstdint>
#include <optional>
#include <variant>

#include "ember/core/Arg.h"
#include "ember/core/Enum.h"
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

/// How EmbeddingBag reduces the rows of a bag: kSum, kMean or kMax.
using EmbeddingBagMode = std::variant<enumtype::kSum, enumtype::kMean, enumtype::kMax>;

struct EmbeddingBagOptions {
  EmbeddingBagOptions(int64_t num_embeddings, int64_t embedding_dim)
      : num_embeddings_(num_embeddings), embedding_dim_(embedding_dim) {}
  /// Size of the dictionary.
  EMBER_ARG(int64_t, num_embeddings);
  /// Size of each embedding vector.
  EMBER_ARG(int64_t, embedding_dim);
  /// Rows looked up are renormalised in place to at most this norm.
  EMBER_ARG(std::optional<double>, max_norm) = std::nullopt;
  /// The p of the norm for max_norm.
  EMBER_ARG(double, norm_type) = 2.;
  /// Gradients scaled by the inverse frequency of each index in the mini-batch (not with kMax).
  EMBER_ARG(bool, scale_grad_by_freq) = false;
  /// How the rows of a bag are reduced.
  EMBER_ARG(EmbeddingBagMode, mode) = enumtype::kMean();
  /// Sparse gradients (not supported: Ember has no sparse tensors).
  EMBER_ARG(bool, sparse) = false;
  /// A weight to use instead of a freshly initialised one.
  EMBER_ARG(Tensor, _weight) = Tensor();
  /// Whether offsets holds one more entry, the end of the last bag (as CSR's row pointers).
  EMBER_ARG(bool, include_last_offset) = false;
  /// Entries of this index are left out of their bag (and its row is initialised to zeros).
  EMBER_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
};

struct EmbeddingBagFromPretrainedOptions {
  /// Whether the weight is kept out of training (requires_grad false).
  EMBER_ARG(bool, freeze) = true;
  EMBER_ARG(std::optional<double>, max_norm) = std::nullopt;
  EMBER_ARG(double, norm_type) = 2.;
  EMBER_ARG(bool, scale_grad_by_freq) = false;
  EMBER_ARG(EmbeddingBagMode, mode) = enumtype::kMean();
  EMBER_ARG(bool, sparse) = false;
  EMBER_ARG(bool, include_last_offset) = false;
  EMBER_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
};

namespace functional {

struct EmbeddingFuncOptions {
  EMBER_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
  EMBER_ARG(std::optional<double>, max_norm) = std::nullopt;
  EMBER_ARG(double, norm_type) = 2.;
  EMBER_ARG(bool, scale_grad_by_freq) = false;
  EMBER_ARG(bool, sparse) = false;
};

/// F::embedding_bag(input, weight, F::EmbeddingBagFuncOptions().offsets(o).mode(ember::kSum)).
struct EmbeddingBagFuncOptions {
  /// With a 1-d input, where each bag starts in it (1-d int64/int32, same dtype as input).
  EMBER_ARG(Tensor, offsets) = Tensor();
  EMBER_ARG(std::optional<double>, max_norm) = std::nullopt;
  EMBER_ARG(double, norm_type) = 2.;
  EMBER_ARG(bool, scale_grad_by_freq) = false;
  EMBER_ARG(EmbeddingBagMode, mode) = enumtype::kMean();
  EMBER_ARG(bool, sparse) = false;
  /// A weight per index (shape of input) multiplying its row; kSum only.
  EMBER_ARG(Tensor, per_sample_weights) = Tensor();
  EMBER_ARG(bool, include_last_offset) = false;
  EMBER_ARG(std::optional<int64_t>, padding_idx) = std::nullopt;
};

}  // namespace functional
}  // namespace ember::nn
