#pragma once

// Options of LayerNorm and F::layer_norm, as libtorch's torch/nn/options/normalization.h.

#include <cstdint>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/core/Tensor.h"

namespace ember::nn {

/// LayerNorm over the trailing dims `normalized_shape` (LayerNormOptions({3})).
struct LayerNormOptions {
  /* implicit */ LayerNormOptions(std::vector<int64_t> normalized_shape)
      : normalized_shape_(std::move(normalized_shape)) {}
  EMBER_ARG(std::vector<int64_t>, normalized_shape);
  /// Added to the variance inside the square root.
  EMBER_ARG(double, eps) = 1e-5;
  /// Whether the layer has a learnable weight (ones) and, with `bias`, a bias (zeros).
  EMBER_ARG(bool, elementwise_affine) = true;
  /// Whether an elementwise-affine layer also has a bias (PyTorch 2's option; libtorch 1.13
  /// lacks it and always has one).
  EMBER_ARG(bool, bias) = true;
};

namespace functional {

struct LayerNormFuncOptions {
  /* implicit */ LayerNormFuncOptions(std::vector<int64_t> normalized_shape)
      : normalized_shape_(std::move(normalized_shape)) {}
  EMBER_ARG(std::vector<int64_t>, normalized_shape);
  /// Optional elementwise scale of shape normalized_shape.
  EMBER_ARG(Tensor, weight) = {};
  /// Optional elementwise shift of shape normalized_shape.
  EMBER_ARG(Tensor, bias) = {};
  EMBER_ARG(double, eps) = 1e-5;
};

}  // namespace functional
}  // namespace ember::nn
