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

/// Softplus(beta, threshold).
struct SoftplusOptions {
  EMBER_ARG(double, beta) = 1.0;
  EMBER_ARG(double, threshold) = 20.0;
};

/// ELU(alpha, inplace).
struct ELUOptions {
  EMBER_ARG(double, alpha) = 1.0;
  EMBER_ARG(bool, inplace) = false;
};

/// SELU(inplace): implicitly constructible from the `inplace` flag.
struct SELUOptions {
  /* implicit */ SELUOptions(bool inplace = false) : inplace_(inplace) {}
  EMBER_ARG(bool, inplace);
};

/// Hardtanh(min_val, max_val, inplace).
struct HardtanhOptions {
  EMBER_ARG(double, min_val) = -1.0;
  EMBER_ARG(double, max_val) = 1.0;
  EMBER_ARG(bool, inplace) = false;
};

namespace functional {

using SoftplusFuncOptions = SoftplusOptions;
using ELUFuncOptions = ELUOptions;
using SELUFuncOptions = SELUOptions;
using HardtanhFuncOptions = HardtanhOptions;

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
