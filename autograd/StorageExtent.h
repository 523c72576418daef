#pragma once

#include <cstdint>

#include "ember/core/ArrayRef.h"

namespace ember::autograd {

/// One past the furthest element a geometry reaches in its storage (its offset when empty):
/// the size of a buffer in which gradients of views are laid out with the views' own strides.
inline int64_t storage_extent(IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  int64_t last = offset;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 0) return offset;
    last += (sizes[d] - 1) * strides[d];
  }
  return last + 1;
}

}  // namespace ember::autograd
