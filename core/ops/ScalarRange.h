#pragma once

// Range checks and extremes for numbers converted to a tensor's dtype (fill values, masked_fill
// and index_put_ values, clamp bounds, where's values, pow's exponent), with c10's rules: a
// number must fit the dtype it is converted to, except that negative integers may wrap into
// unsigned types (uint8 accepts -255..255), infinities and NaN fit any floating type, and bool
// takes anything.

#include "ember/core/Dtype.h"
#include "ember/core/Export.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

// check_scalar_fits(s, dtype, op), which Scalar::to<T>() also uses, is declared in Scalar.h.

/// A 0-d CPU tensor of `dtype` holding `value`, range-checked as above.
EMBER_INTERNAL_API Tensor checked_scalar_to_tensor(const Scalar& value, Dtype dtype,
                                                   const char* op);

/// The lowest value of `dtype` (-inf for floating types, false for bool).
EMBER_INTERNAL_API Scalar dtype_lowest(Dtype dtype);
/// The highest value of `dtype` (inf for floating types, true for bool).
EMBER_INTERNAL_API Scalar dtype_highest(Dtype dtype);

}  // namespace ember::detail
