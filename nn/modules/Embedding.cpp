// nn::Embedding: the weight (num_embeddings, embedding_dim) drawn as PyTorch's
// reset_parameters() does (normal_(0, 1), then the padding row zeroed), and from_pretrained.

#include "ember/nn/modules/Embedding.h"

#include <ostream>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/nn/functional/Embedding.h"
#include "nn/PythonFormat.h"

namespace ember::nn {

EmbeddingImpl::EmbeddingImpl(const EmbeddingOptions& options_) : options(options_) { reset(); }

void EmbeddingImpl::reset() {
  if (const std::optional<int64_t> padding_idx = options.padding_idx()) {
    EMBER_CHECK(
        *padding_idx < options.num_embeddings() && *padding_idx >= -options.num_embeddings(),
        "Padding_idx must be within num_embeddings (got padding_idx {} for {} embeddings)",
        *padding_idx, options.num_embeddings());
    if (*padding_idx < 0) options.padding_idx(options.num_embeddings() + *padding_idx);
  }
  if (!options._weight().defined()) {
    weight = register_parameter("weight",
                                ember::empty({options.num_embeddings(), options.embedding_dim()}));
    reset_parameters();
  } else {
    const std::vector<int64_t> expected{options.num_embeddings(), options.embedding_dim()};
    EMBER_CHECK(options._weight().sizes().vec() == expected,
                "Shape of weight does not match num_embeddings and embedding_dim (expected [{}, "
                "{}], got {})",
                options.num_embeddings(), options.embedding_dim(), options._weight().sizes().vec());
    weight = register_parameter("weight", options._weight());
  }
}

void EmbeddingImpl::reset_parameters() {
  NoGradGuard no_grad;
  weight.normal_(0, 1);
  if (options.padding_idx()) weight.select(0, *options.padding_idx()).fill_(0);
}

void EmbeddingImpl::pretty_print(std::ostream& stream) const {
  stream << "Embedding(" << options.num_embeddings() << ", " << options.embedding_dim();
  if (options.padding_idx()) stream << ", padding_idx=" << *options.padding_idx();
  if (options.max_norm()) stream << ", max_norm=" << detail::python_float(*options.max_norm());
  if (options.norm_type() != 2) {
    stream << ", norm_type=" << detail::python_float(options.norm_type());
  }
  if (options.scale_grad_by_freq()) stream << ", scale_grad_by_freq=True";
  if (options.sparse()) stream << ", sparse=True";
  stream << ")";
}

Tensor EmbeddingImpl::forward(const Tensor& indices) {
  return functional::embedding(indices, weight,
                               functional::EmbeddingFuncOptions()
                                   .padding_idx(options.padding_idx())
                                   .max_norm(options.max_norm())
                                   .norm_type(options.norm_type())
                                   .scale_grad_by_freq(options.scale_grad_by_freq())
                                   .sparse(options.sparse()));
}

Embedding Embedding::from_pretrained(const Tensor& embeddings,
                                     const EmbeddingFromPretrainedOptions& options) {
  EMBER_CHECK(embeddings.dim() == 2,
              "Embeddings parameter is expected to be 2-dimensional, but got {} dims",
              embeddings.dim());
  // A new handle on the same values, as PyTorch's Parameter(embeddings): the caller's tensor
  // keeps its own requires_grad.
  Embedding embedding(EmbeddingOptions(embeddings.size(0), embeddings.size(1))
                          ._weight(embeddings.detach())
                          .padding_idx(options.padding_idx())
                          .max_norm(options.max_norm())
                          .norm_type(options.norm_type())
                          .scale_grad_by_freq(options.scale_grad_by_freq())
                          .sparse(options.sparse()));
  embedding->weight.set_requires_grad(!options.freeze());
  return embedding;
}

}  // namespace ember::nn
