#pragma once

// Autograd-free bodies of the view ops (core/ops/Views.cpp); the public ones, which record
// their base, are in core/api/Views.cpp.

#include <optional>

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor as_strided(const Tensor& t, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset);

}  // namespace ember::native
