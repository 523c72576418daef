#pragma once

// Options of InstanceNorm1d/2d and F::instance_norm, as libtorch's
// torch/nn/options/instancenorm.h.

#include <cstdint>

#include "ember/core/Arg.h"
#include "ember/core/Tensor.h"

namespace ember::nn {

/// InstanceNorm1d/2d over num_features channels (InstanceNorm2dOptions(3).affine(true)).
struct InstanceNormOptions {
  /* implicit */ InstanceNormOptions(int64_t num_features) : num_features_(num_features) {}
  /// The number of channels C of an (N, C, ...) input.
  EMBER_ARG(int64_t, num_features);
  /// Added to the variance inside the square root.
  EMBER_ARG(double, eps) = 1e-5;
  /// The weight of the newest statistics in the running mean and variance.
  EMBER_ARG(double, momentum) = 0.1;
  /// Whether the layer has a learnable weight (ones) and, with `bias`, a bias (zeros).
  EMBER_ARG(bool, affine) = false;
  /// Whether the layer keeps running statistics (used in eval mode).
  EMBER_ARG(bool, track_running_stats) = false;
  /// Whether an affine layer also has a bias (PyTorch 2's option).
  EMBER_ARG(bool, bias) = true;
};

using InstanceNorm1dOptions = InstanceNormOptions;
using InstanceNorm2dOptions = InstanceNormOptions;

namespace functional {

/// F::instance_norm(x, F::InstanceNormFuncOptions().running_mean(m).running_var(v)).
struct InstanceNormFuncOptions {
  /// Running statistics, one per channel, updated in place when use_input_stats (optional).
  EMBER_ARG(Tensor, running_mean) = {};
  EMBER_ARG(Tensor, running_var) = {};
  /// Optional scale and shift, one per channel.
  EMBER_ARG(Tensor, weight) = {};
  EMBER_ARG(Tensor, bias) = {};
  /// Normalise with each instance's statistics (true) or with the running ones (false).
  EMBER_ARG(bool, use_input_stats) = true;
  EMBER_ARG(double, momentum) = 0.1;
  EMBER_ARG(double, eps) = 1e-5;
};

}  // namespace functional
}  // namespace ember::nn
