#pragma once

// maximum, minimum and clamp functors shared by the CPU and CUDA backends. NaN in either
// operand propagates, as in PyTorch.

#include <type_traits>

#include "kernels/OpMath.h"

namespace ember::kernels {

template <class T>
EMBER_HOST_DEVICE inline bool is_nan(T x) {
  if constexpr (std::is_integral_v<T>) {
    return false;
  } else {
    return x != x;
  }
}

/// max(a, b); NaN if either is NaN (logical or for bool).
struct Maximum {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a || b;
    } else if constexpr (std::is_integral_v<T>) {
      return a > b ? a : b;
    } else {
      // A NaN `b` wins the comparison's false branch; a NaN `a` is picked explicitly. Two
      // plain selects, so loops vectorise.
      const T m = a > b ? a : b;
      return a != a ? a : m;
    }
  }
};

/// min(a, b); NaN if either is NaN (logical and for bool).
struct Minimum {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a && b;
    } else if constexpr (std::is_integral_v<T>) {
      return a < b ? a : b;
    } else {
      const T m = a < b ? a : b;
      return a != a ? a : m;
    }
  }
};

/// min(max(x, lo), hi): hi wins when lo > hi; a NaN x stays NaN. The bounds are never NaN
/// (front ends turn a NaN bound into an all-NaN result), which keeps this to two selects. A
/// missing bound is passed as the type's lowest / highest value (or -inf / inf).
template <class T>
struct Clamp {
  T lo;
  T hi;
  EMBER_HOST_DEVICE T operator()(T x) const {
    const T m = x < lo ? lo : x;
    return m > hi ? hi : m;
  }
};

}  // namespace ember::kernels
