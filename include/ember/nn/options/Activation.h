#pragma once

// Options of the activation layers and of their nn::functional forms, as libtorch's
// torch/nn/options/activation.h (same names, defaults and implicit constructors).

#include <cstdint>
#include <optional>
#include <string>

#include "ember/core/Arg.h"
#include "ember/core/Dtype.h"

namespace ember::nn {

/// ReLU(inplace): implicitly constructible from the `inplace` flag.
struct ReLUOptions {
  /* implicit */ ReLUOptions(bool inplace = false) : inplace_(inplace) {}
  EMBER_ARG(bool, inplace);
};

/// GELU's `approximate`: "none" (exact, with erf) or "tanh".
struct GELUOptions {
  EMBER_ARG(std::string, approximate) = "none";
};

struct LeakyReLUOptions {
  EMBER_ARG(double, negative_slope) = 1e-2;
  EMBER_ARG(bool, inplace) = false;
};

/// Softmax(dim): the dimension is required.
struct SoftmaxOptions {
  /* implicit */ SoftmaxOptions(int64_t dim) : dim_(dim) {}
  EMBER_ARG(int64_t, dim);
};

/// LogSoftmax(dim): the dimension is required.
struct LogSoftmaxOptions {
  /* implicit */ LogSoftmaxOptions(int64_t dim) : dim_(dim) {}
  EMBER_ARG(int64_t, dim);
};

namespace functional {

using ReLUFuncOptions = ReLUOptions;
using GELUFuncOptions = GELUOptions;
using LeakyReLUFuncOptions = LeakyReLUOptions;

/// F::softmax's options: the dimension and an optional dtype the input is converted to first.
struct SoftmaxFuncOptions {
  /* implicit */ SoftmaxFuncOptions(int64_t dim) : dim_(dim) {}
  EMBER_ARG(int64_t, dim);
  EMBER_ARG(std::optional<Dtype>, dtype) = std::nullopt;
};

/// F::log_softmax's options: the dimension and an optional dtype the input is converted to
/// first.
struct LogSoftmaxFuncOptions {
  /* implicit */ LogSoftmaxFuncOptions(int64_t dim) : dim_(dim) {}
  EMBER_ARG(int64_t, dim);
  EMBER_ARG(std::optional<Dtype>, dtype) = std::nullopt;
};

}  // namespace functional
}  // namespace ember::nn
