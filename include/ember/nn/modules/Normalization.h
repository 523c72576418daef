#pragma once

// nn::LayerNorm and nn::GroupNorm, as libtorch's.

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

/// nn::GroupNorm, as libtorch's: F::group_norm over num_groups groups of the channels, with a
/// learnable per-channel weight (ones) and bias (zeros) when affine.
class EMBER_API GroupNormImpl : public Cloneable<GroupNormImpl> {
 public:
  GroupNormImpl(int64_t num_groups, int64_t num_channels)
      : GroupNormImpl(GroupNormOptions(num_groups, num_channels)) {}
  explicit GroupNormImpl(const GroupNormOptions& options_);
  void reset() override;
  /// Sets the weight to ones and the bias to zeros, as PyTorch's reset_parameters().
  void reset_parameters();
  /// GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  GroupNormOptions options;
  /// (num_channels), or undefined without affine
  Tensor weight;
  /// (num_channels), or undefined without affine or bias
  Tensor bias;
};
EMBER_MODULE(GroupNorm);

}  // namespace ember::nn
