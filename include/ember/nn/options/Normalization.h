#pragma once

// Options of LayerNorm, GroupNorm, F::layer_norm, F::group_norm and F::normalize, as libtorch's
// torch/nn/options/normalization.h.

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

/// GroupNorm over num_channels channels in num_groups groups (GroupNormOptions(2, 4)).
struct GroupNormOptions {
  GroupNormOptions(int64_t num_groups, int64_t num_channels)
      : num_groups_(num_groups), num_channels_(num_channels) {}
  /// The number of groups the channels are divided into (it must divide num_channels).
  EMBER_ARG(int64_t, num_groups);
  /// The number of channels expected in the input.
  EMBER_ARG(int64_t, num_channels);
  /// Added to the variance inside the square root.
  EMBER_ARG(double, eps) = 1e-5;
  /// Whether the layer has a learnable weight (ones) and, with `bias`, a bias (zeros), one per
  /// channel.
  EMBER_ARG(bool, affine) = true;
  /// Whether an affine layer also has a bias (PyTorch 2's option).
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

/// F::group_norm(x, F::GroupNormFuncOptions(2).weight(w).bias(b)).
struct GroupNormFuncOptions {
  /* implicit */ GroupNormFuncOptions(int64_t num_groups) : num_groups_(num_groups) {}
  EMBER_ARG(int64_t, num_groups);
  /// Optional scale, one per channel.
  EMBER_ARG(Tensor, weight) = {};
  /// Optional shift, one per channel.
  EMBER_ARG(Tensor, bias) = {};
  EMBER_ARG(double, eps) = 1e-5;
};

/// F::normalize(x, F::NormalizeFuncOptions().p(1).dim(-1)).
struct NormalizeFuncOptions {
  /// The exponent of the norm.
  EMBER_ARG(double, p) = 2.0;
  /// The dim along which each slice is normalised.
  EMBER_ARG(int64_t, dim) = 1;
  /// The smallest norm divided by (avoids division by zero).
  EMBER_ARG(double, eps) = 1e-12;
};

}  // namespace functional
}  // namespace ember::nn
