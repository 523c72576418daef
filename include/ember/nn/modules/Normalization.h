#pragma once

// nn::LayerNorm, as libtorch's: F::layer_norm over the trailing normalized_shape dims, with a
// learnable weight (ones) and bias (zeros) when elementwise_affine.

#include <cstdint>
#include <iosfwd>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Normalization.h"

namespace ember::nn {

class EMBER_API LayerNormImpl : public Cloneable<LayerNormImpl> {
 public:
  /* implicit */ LayerNormImpl(std::vector<int64_t> normalized_shape)
      : LayerNormImpl(LayerNormOptions(std::move(normalized_shape))) {}
  explicit LayerNormImpl(const LayerNormOptions& options_);
  void reset() override;
  /// Sets the weight to ones and the bias to zeros, as PyTorch's reset_parameters().
  void reset_parameters();
  /// LayerNorm((3,), eps=1e-05, elementwise_affine=True, bias=True)
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  LayerNormOptions options;
  /// normalized_shape, or undefined without elementwise_affine
  Tensor weight;
  /// normalized_shape, or undefined without elementwise_affine or bias
  Tensor bias;
};
EMBER_MODULE(LayerNorm);

}  // namespace ember::nn
