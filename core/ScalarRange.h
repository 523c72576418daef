#pragma once

// Range checks and extremes for Scalars used as op parameters (clamp bounds, where's values,
// pow's exponent), with c10's rules: a number must fit the dtype it is converted to, except
// that negative integers may wrap into unsigned types (uint8 accepts -255..255), and
// infinities and NaN fit any floating type.

#include "ember/core/Dtype.h"
#include "ember/core/Scalar.h"

namespace ember::detail {

/// Throws "value cannot be converted to type <T> without overflow" when `s` does not fit
/// `dtype`.
void check_scalar_fits(const Scalar& s, Dtype dtype);

/// The lowest value of `dtype` (-inf for floating types, false for bool).
Scalar dtype_lowest(Dtype dtype);
/// The highest value of `dtype` (inf for floating types, true for bool).
Scalar dtype_highest(Dtype dtype);

}  // namespace ember::detail
