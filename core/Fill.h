#pragma once

// Shared by fill_ and full(): PyTorch's check that a fill value fits the tensor's dtype.

#include "ember/core/Dtype.h"
#include "ember/core/Scalar.h"

namespace ember::detail {

/// Throws "value cannot be converted to type <T> without overflow" when `value` is outside
/// `dtype`'s range (infinities and NaN fit floating types; negative integers wrap into uint8).
void check_fill_value(const Scalar& value, Dtype dtype);

}  // namespace ember::detail
