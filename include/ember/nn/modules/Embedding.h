#pragma once

// nn::Embedding and nn::EmbeddingBag, as libtorch's. Embedding: a lookup table of num_embeddings
// rows of embedding_dim values (weight drawn from N(0, 1), the padding row zeroed, as PyTorch), and
// Embedding::from_pretrained.

#include <cstdint>
#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Embedding.h"

namespace ember::nn {

class EMBER_API EmbeddingImpl : public Cloneable<EmbeddingImpl> {
 public:
  EmbeddingImpl(int64_t num_embeddings, int64_t embedding_dim)
      : EmbeddingImpl(EmbeddingOptions(num_embeddings, embedding_dim)) {}
  explicit EmbeddingImpl(const EmbeddingOptions& options_);
  void reset() override;
  /// Draws the weight from N(0, 1) and zeroes the padding row, as PyTorch's reset_parameters().
  void reset_parameters();
  /// Embedding(10, 3), with padding_idx=, max_norm=, ... when set, as PyTorch's repr.
  void pretty_print(std::ostream& stream) const override;
  /// The rows `indices` (int64 or int32) names: shape indices.sizes() + [embedding_dim].
  Tensor forward(const Tensor& indices);

  EmbeddingOptions options;
  /// (num_embeddings, embedding_dim)
  Tensor weight;
};

class EMBER_API Embedding : public ModuleHolder<EmbeddingImpl> {
 public:
  using ModuleHolder<EmbeddingImpl>::ModuleHolder;
  using Impl = EmbeddingImpl;

  /// An Embedding whose weight shares the 2-d `embeddings`' values, frozen (requires_grad
  /// false) unless options.freeze(false).
  static Embedding from_pretrained(const Tensor& embeddings,
                                   const EmbeddingFromPretrainedOptions& options = {});
};

/// nn::EmbeddingBag, as libtorch's: F::embedding_bag over a table of num_embeddings rows
/// (weight drawn from N(0, 1), the padding row zeroed, as PyTorch).
class EMBER_API EmbeddingBagImpl : public Cloneable<EmbeddingBagImpl> {
 public:
  EmbeddingBagImpl(int64_t num_embeddings, int64_t embedding_dim)
      : EmbeddingBagImpl(EmbeddingBagOptions(num_embeddings, embedding_dim)) {}
  explicit EmbeddingBagImpl(const EmbeddingBagOptions& options_);
  void reset() override;
  /// Draws the weight from N(0, 1) and zeroes the padding row, as PyTorch's reset_parameters().
  void reset_parameters();
  /// EmbeddingBag(10, 3, mode='mean'), with max_norm=, ... when set, as PyTorch's repr.
  void pretty_print(std::ostream& stream) const override;
  /// One reduced row per bag: (B, embedding_dim).
  Tensor forward(const Tensor& input, const Tensor& offsets = {},
                 const Tensor& per_sample_weights = {});

  EmbeddingBagOptions options;
  /// (num_embeddings, embedding_dim)
  Tensor weight;
};

class EMBER_API EmbeddingBag : public ModuleHolder<EmbeddingBagImpl> {
 public:
  using ModuleHolder<EmbeddingBagImpl>::ModuleHolder;
  using Impl = EmbeddingBagImpl;
  /// An EmbeddingBag whose weight shares the 2-d `embeddings`' values, frozen (requires_grad
  /// false) unless options.freeze(false).
  static EmbeddingBag from_pretrained(const Tensor& embeddings,
                                      const EmbeddingBagFromPretrainedOptions& options = {});
};

}  // namespace ember::nn
