#pragma once

// nn::Conv1d, nn::Conv2d and nn::ConvTranspose2d, as libtorch's, with PyTorch's default
// initialisation: kaiming-uniform weight (a = sqrt(5)), bias uniform in +-1/sqrt(fan_in).
// Weight shapes: [out, in / groups, k...] (transposed: [in, out / groups, k...]).

#include <cstdint>
#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/Conv.h"

namespace ember::nn {

template <size_t D>
class EMBER_API ConvImpl : public Cloneable<ConvImpl<D>> {
 public:
  ConvImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : ConvImpl(ConvOptions<D>(in_channels, out_channels, kernel_size)) {}
  explicit ConvImpl(const ConvOptions<D>& options_);

  void reset() override;
  /// Draws new weights (and bias) as PyTorch's reset_parameters().
  void reset_parameters();
  /// Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1))
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  ConvOptions<D> options;
  Tensor weight;
  /// [out_channels], or undefined with bias(false)
  Tensor bias;
};

using Conv1dImpl = ConvImpl<1>;
using Conv2dImpl = ConvImpl<2>;
EMBER_MODULE(Conv1d);
EMBER_MODULE(Conv2d);

template <size_t D>
class EMBER_API ConvTransposeImpl : public Cloneable<ConvTransposeImpl<D>> {
 public:
  ConvTransposeImpl(int64_t in_channels, int64_t out_channels, ExpandingArray<D> kernel_size)
      : ConvTransposeImpl(ConvTransposeOptions<D>(in_channels, out_channels, kernel_size)) {}
  explicit ConvTransposeImpl(const ConvTransposeOptions<D>& options_);

  void reset() override;
  void reset_parameters();
  /// ConvTranspose2d(16, 3, kernel_size=(3, 3), stride=(2, 2))
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  ConvTransposeOptions<D> options;
  Tensor weight;
  Tensor bias;
};

using ConvTranspose2dImpl = ConvTransposeImpl<2>;
EMBER_MODULE(ConvTranspose2d);

}  // namespace ember::nn
