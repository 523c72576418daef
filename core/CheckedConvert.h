#pragma once

// Range checks for numbers written into tensors (masked_fill, index_put_ with a Scalar), with
// PyTorch's rules and message: "value cannot be converted to type int8_t without overflow".

#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

/// Throws when `value` does not fit `dtype`: bool takes anything, floating types take inf and
/// NaN, and unsigned integers take negative integers down to -max (they wrap, as in PyTorch).
void check_scalar_fits(const Scalar& value, Dtype dtype, const char* op);

/// A 0-d CPU tensor of `dtype` holding `value`, range-checked as above.
Tensor checked_scalar_to_tensor(const Scalar& value, Dtype dtype, const char* op);

}  // namespace ember::detail
