#pragma once

// Shared by the scatter formulas (IndexingFormulas.cpp, ShapeFormulas.cpp).

#include "ember/core/Tensor.h"

namespace ember::autograd {

/// `part` (of an index's shape) in the top corner of zeros of `sizes`: a scatter's source may
/// be larger than its index in every dimension.
Tensor padded_to(const Tensor& part, IntArrayRef sizes);

}  // namespace ember::autograd
