#pragma once

// The elementwise steps of softmax and log_softmax along a dim, shared by the backends. With
// m the max along the dim (MaxOp) and s the sum of SoftmaxExp over it:
//   softmax(x)     = SoftmaxExp(x) * (1 / s)
//   log_softmax(x) = (x - m) - log(s)
// Subtracting the max keeps exp from overflowing; V is the op-math type (float for
// half/bfloat16).

#include <cmath>

#include "kernels/FastMath.h"
#include "kernels/OpMath.h"

namespace ember::kernels {

/// exp(x - max).
template <class V>
struct SoftmaxExp {
  V max;
  EMBER_HOST_DEVICE EMBER_ALWAYS_INLINE V operator()(V x) const { return fast_exp(x - max); }
};

/// (x - max) - log_sum, in this order: exact when x is the max, however large log_sum is.
template <class V>
struct LogSoftmaxOut {
  V max;
  V log_sum;
  EMBER_HOST_DEVICE EMBER_ALWAYS_INLINE V operator()(V x) const { return (x - max) - log_sum; }
};

}  // namespace ember::kernels
