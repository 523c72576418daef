#pragma once

// Options of Dropout and F::dropout, as libtorch's torch/nn/options/dropout.h.

#include "ember/core/Arg.h"

namespace ember::nn {

/// Dropout(p): the probability of zeroing an element, implicitly constructible from it.
struct DropoutOptions {
  /* implicit */ DropoutOptions(double p = 0.5) : p_(p) {}
  EMBER_ARG(double, p);
  EMBER_ARG(bool, inplace) = false;
};

namespace functional {

/// F::dropout's options; unlike the module, the training flag is an argument (default true).
struct DropoutFuncOptions {
  EMBER_ARG(double, p) = 0.5;
  EMBER_ARG(bool, training) = true;
  EMBER_ARG(bool, inplace) = false;
};

}  // namespace functional
}  // namespace ember::nn
