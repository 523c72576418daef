#pragma once

// Options of BatchNorm1d/2d and F::batch_norm, as libtorch's torch/nn/options/batchnorm.h.

#include <cstdint>
#include <optional>

#include "ember/core/Arg.h"
#include "ember/core/Tensor.h"

namespace ember::nn {

struct BatchNormOptions {
  /* implicit */ BatchNormOptions(int64_t num_features)  // NOLINT
      : num_features_(num_features) {}
  EMBER_ARG(int64_t, num_features);
  EMBER_ARG(double, eps) = 1e-5;
  /// How far the running statistics move towards each batch's; nullopt: their cumulative
  /// average over the batches seen.
  EMBER_ARG(std::optional<double>, momentum) = 0.1;
  /// Whether the layer learns a weight (ones) and a bias (zeros).
  EMBER_ARG(bool, affine) = true;
  /// Whether the layer keeps running statistics (buffers) and uses them in evaluation.
  EMBER_ARG(bool, track_running_stats) = true;
};
using BatchNorm1dOptions = BatchNormOptions;
using BatchNorm2dOptions = BatchNormOptions;

namespace functional {

struct BatchNormFuncOptions {
  EMBER_ARG(Tensor, weight) = {};
  EMBER_ARG(Tensor, bias) = {};
  EMBER_ARG(bool, training) = false;
  EMBER_ARG(std::optional<double>, momentum) = 0.1;
  EMBER_ARG(double, eps) = 1e-5;
};

}  // namespace functional
}  // namespace ember::nn
