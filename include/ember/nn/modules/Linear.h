#pragma once

// nn::Linear, as libtorch's: y = x W^T + b, with PyTorch's default initialisation
// (kaiming-uniform weight with a = sqrt(5), bias uniform in +-1/sqrt(in_features)).

#include <cstdint>
#include <iosfwd>

#include "ember/core/Arg.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"

namespace ember::nn {

struct EMBER_API LinearOptions {
  LinearOptions(int64_t in_features, int64_t out_features);
  EMBER_ARG(int64_t, in_features);
  EMBER_ARG(int64_t, out_features);
  /// Whether the layer learns an additive bias.
  EMBER_ARG(bool, bias) = true;
};

class EMBER_API LinearImpl : public Cloneable<LinearImpl> {
 public:
  LinearImpl(int64_t in_features, int64_t out_features)
      : LinearImpl(LinearOptions(in_features, out_features)) {}
  explicit LinearImpl(const LinearOptions& options_);

  void reset() override;
  /// Draws new weights (and bias) as PyTorch's reset_parameters().
  void reset_parameters();
  /// Linear(in_features=3, out_features=4, bias=True)
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  LinearOptions options;
  /// (out_features, in_features)
  Tensor weight;
  /// (out_features), or undefined with bias(false)
  Tensor bias;
};

EMBER_MODULE(Linear);

}  // namespace ember::nn
