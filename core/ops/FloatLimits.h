#pragma once

// Limits of the floating dtypes as double values, for front ends that need them without a
// dtype dispatch (torch.finfo).

#include <cfloat>

#include "ember/core/Dtype.h"

namespace ember::detail {

/// The largest finite value of a floating dtype (torch.finfo(dtype).max).
inline double float_max(Dtype d) {
  switch (d) {
    case kHalf:
      return 65504.0;
    case kBFloat16:
      return 3.3895313892515355e38;
    case kFloat:
      return FLT_MAX;
    default:
      return DBL_MAX;
  }
}

}  // namespace ember::detail
