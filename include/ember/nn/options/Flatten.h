#pragma once

// Options of Flatten, as libtorch's FlattenOptions (torch/nn/options/linear.h).

#include <cstdint>

#include "ember/core/Arg.h"

namespace ember::nn {

/// The dims flattened into one: start_dim to end_dim inclusive (the batch dim 0 is kept).
struct FlattenOptions {
  EMBER_ARG(int64_t, start_dim) = 1;
  EMBER_ARG(int64_t, end_dim) = -1;
};

}  // namespace ember::nn
