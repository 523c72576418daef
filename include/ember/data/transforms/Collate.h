#pragma once

// Collations: batch transforms that turn a vector of examples into one batch (libtorch's
// Collation interface and Collate, its function form).

#include <vector>

#include "ember/data/transforms/Lambda.h"

namespace ember::data::transforms {

template <typename T, typename BatchType = std::vector<T>>
using Collation = BatchTransform<BatchType, T>;

template <typename T, typename BatchType = std::vector<T>>
using Collate = BatchLambda<BatchType, T>;

}  // namespace ember::data::transforms
