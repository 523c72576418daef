#pragma once

// Pooling layers, as libtorch's: MaxPool1d/2d, AvgPool1d/2d, AdaptiveAvgPool1d/2d (no
// parameters; forward calls the F:: function with the layer's options).

#include <iosfwd>
#include <tuple>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Pooling.h"

namespace ember::nn {

template <size_t D>
class EMBER_API MaxPoolImpl : public Cloneable<MaxPoolImpl<D>> {
 public:
  MaxPoolImpl(ExpandingArray<D> kernel_size) : MaxPoolImpl(MaxPoolOptions<D>(kernel_size)) {}
  explicit MaxPoolImpl(const MaxPoolOptions<D>& options_) : options(options_) {}
  void reset() override {}
  /// MaxPool2d(kernel_size=[2, 2], stride=[2, 2], padding=[0, 0], dilation=[1, 1], ...)
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
  /// The maxima and their indices (for max_unpool).
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);

  MaxPoolOptions<D> options;
};
using MaxPool1dImpl = MaxPoolImpl<1>;
using MaxPool2dImpl = MaxPoolImpl<2>;
EMBER_MODULE(MaxPool1d);
EMBER_MODULE(MaxPool2d);

template <size_t D>
class EMBER_API AvgPoolImpl : public Cloneable<AvgPoolImpl<D>> {
 public:
  AvgPoolImpl(ExpandingArray<D> kernel_size) : AvgPoolImpl(AvgPoolOptions<D>(kernel_size)) {}
  explicit AvgPoolImpl(const AvgPoolOptions<D>& options_) : options(options_) {}
  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  AvgPoolOptions<D> options;
};
using AvgPool1dImpl = AvgPoolImpl<1>;
using AvgPool2dImpl = AvgPoolImpl<2>;
EMBER_MODULE(AvgPool1d);
EMBER_MODULE(AvgPool2d);

template <size_t D>
class EMBER_API AdaptiveAvgPoolImpl : public Cloneable<AdaptiveAvgPoolImpl<D>> {
 public:
  AdaptiveAvgPoolImpl(ExpandingArray<D> output_size)
      : AdaptiveAvgPoolImpl(AdaptiveAvgPoolOptions<D>(output_size)) {}
  explicit AdaptiveAvgPoolImpl(const AdaptiveAvgPoolOptions<D>& options_) : options(options_) {}
  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  AdaptiveAvgPoolOptions<D> options;
};
using AdaptiveAvgPool1dImpl = AdaptiveAvgPoolImpl<1>;
using AdaptiveAvgPool2dImpl = AdaptiveAvgPoolImpl<2>;
EMBER_MODULE(AdaptiveAvgPool1d);
EMBER_MODULE(AdaptiveAvgPool2d);

}  // namespace ember::nn
