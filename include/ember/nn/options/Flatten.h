#pragma once

// Options of Flatten and Unflatten, as libtorch's FlattenOptions and UnflattenOptions
// (torch/nn/options/linear.h).

#include <cstdint>
#include <vector>

#include "ember/core/Arg.h"

namespace ember::nn {

/// The dims flattened into one: start_dim to end_dim inclusive (the batch dim 0 is kept).
struct FlattenOptions {
  EMBER_ARG(int64_t, start_dim) = 1;
  EMBER_ARG(int64_t, end_dim) = -1;
};

/// Unflatten(UnflattenOptions(1, {2, 3})): dim `dim` split into the dims `sizes` (one may be
/// -1, inferred).
struct UnflattenOptions {
  UnflattenOptions(int64_t dim, std::vector<int64_t> sizes) : dim_(dim), sizes_(std::move(sizes)) {}
  EMBER_ARG(int64_t, dim);
  EMBER_ARG(std::vector<int64_t>, sizes);
};

}  // namespace ember::nn
