// nn::Embedding and nn::EmbeddingBag: the weight (num_embeddings, embedding_dim) drawn as
// PyTorch's reset_parameters() does (normal_(0, 1), then the padding row zeroed), and
// from_pretrained.

#include "ember/nn/modules/Embedding.h"

#include <ostream>
#include <variant>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/nn/functional/Embedding.h"
#include "nn/PythonFormat.h"

namespace ember::nn {
namespace {

/// What Embedding's and EmbeddingBag's reset() share: padding_idx checked (`padding_name`
/// spells it as Python's assertion does) and rewritten as a row index, then the weight
/// registered: options._weight() (its shape checked), or a fresh one drawn by
/// reset_parameters().
template <typename Impl, typename Options>
void reset_table(Impl& impl, Options& options, const char* padding_name) {
  if (const std::optional<int64_t> padding_idx = options.padding_idx()) {
    EMBER_CHECK(
        *padding_idx < options.num_embeddings() && *padding_idx >= -options.num_embeddings(),
        "{} must be within num_embeddings (got padding_idx {} for {} embeddings)", padding_name,
        *padding_idx, options.num_embeddings());
    if (*padding_idx < 0) options.padding_idx(options.num_embeddings() + *padding_idx);
  }
  if (!options._weight().defined()) {
    impl.weight = impl.register_parameter(
        "weight", ember::empty({options.num_embeddings(), options.embedding_dim()}));
    impl.reset_parameters();
  } else {
    const std::vector<int64_t> expected{options.num_embeddings(), options.embedding_dim()};
    EMBER_CHECK(options._weight().sizes().vec() == expected,
                "Shape of weight does not match num_embeddings and embedding_dim (expected [{}, "
                "{}], got {})",
                options.num_embeddings(), options.embedding_dim(), options._weight().sizes().vec());
    impl.weight = impl.register_parameter("weight", options._weight());
  }
}

/// PyTorch's reset_parameters(): N(0, 1), then the padding row zeroed.
void draw_table(Tensor& weight, std::optional<int64_t> padding_idx) {
  NoGradGuard no_grad;
  weight.normal_(0, 1);
  if (padding_idx) weight.select(0, *padding_idx).fill_(0);
}

void check_pretrained(const Tensor& embeddings) {
  EMBER_CHECK(embeddings.dim() == 2,
              "Embeddings parameter is expected to be 2-dimensional, but got {} dims",
              embeddings.dim());
}

}  // namespace

EmbeddingImpl::EmbeddingImpl(const EmbeddingOptions& options_) : options(options_) { reset(); }

void EmbeddingImpl::reset() { reset_table(*this, options, "Padding_idx"); }

void EmbeddingImpl::reset_parameters() { draw_table(weight, options.padding_idx()); }

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
  check_pretrained(embeddings);
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

EmbeddingBagImpl::EmbeddingBagImpl(const EmbeddingBagOptions& options_) : options(options_) {
  reset();
}

void EmbeddingBagImpl::reset() { reset_table(*this, options, "padding_idx"); }

void EmbeddingBagImpl::reset_parameters() { draw_table(weight, options.padding_idx()); }

void EmbeddingBagImpl::pretty_print(std::ostream& stream) const {
  stream << "EmbeddingBag(" << options.num_embeddings() << ", " << options.embedding_dim();
  if (options.max_norm()) stream << ", max_norm=" << detail::python_float(*options.max_norm());
  if (options.norm_type() != 2) {
    stream << ", norm_type=" << detail::python_float(options.norm_type());
  }
  if (options.scale_grad_by_freq()) stream << ", scale_grad_by_freq=True";
  const char* mode = std::holds_alternative<enumtype::kSum>(options.mode())    ? "sum"
                     : std::holds_alternative<enumtype::kMean>(options.mode()) ? "mean"
                                                                               : "max";
  stream << ", mode='" << mode << "'";
  if (options.padding_idx()) stream << ", padding_idx=" << *options.padding_idx();
  stream << ")";
}

Tensor EmbeddingBagImpl::forward(const Tensor& input, const Tensor& offsets,
                                 const Tensor& per_sample_weights) {
  return functional::embedding_bag(input, weight,
                                   functional::EmbeddingBagFuncOptions()
                                       .offsets(offsets)
                                       .max_norm(options.max_norm())
                                       .norm_type(options.norm_type())
                                       .scale_grad_by_freq(options.scale_grad_by_freq())
                                       .mode(options.mode())
                                       .sparse(options.sparse())
                                       .per_sample_weights(per_sample_weights)
                                       .include_last_offset(options.include_last_offset())
                                       .padding_idx(options.padding_idx()));
}

EmbeddingBag EmbeddingBag::from_pretrained(const Tensor& embeddings,
                                           const EmbeddingBagFromPretrainedOptions& options) {
  check_pretrained(embeddings);
  EmbeddingBag bag(EmbeddingBagOptions(embeddings.size(0), embeddings.size(1))
                       ._weight(embeddings.detach())
                       .max_norm(options.max_norm())
                       .norm_type(options.norm_type())
                       .scale_grad_by_freq(options.scale_grad_by_freq())
                       .mode(options.mode())
                       .sparse(options.sparse())
                       .include_last_offset(options.include_last_offset())
                       .padding_idx(options.padding_idx()));
  bag->weight.set_requires_grad(!options.freeze());
  return bag;
}

}  // namespace ember::nn
