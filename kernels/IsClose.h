#pragma once

// isclose(a, b) = a == b, or (with equal_nan) both NaN, or |a - b| <= atol + rtol * |b| with a
// finite |a - b| (so inf is close only to the same inf). As PyTorch, integers and bool are
// compared in the default float dtype (float32), and each step of the tolerance test rounds
// to the element type (half and bfloat16 compute each step in float and round).

#include <cmath>
#include <type_traits>

#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::kernels {

template <class T>
struct IsClose {
  // The type the tolerance test rounds to: T for floating types, float otherwise.
  using C = std::conditional_t<is_float_like_v<T>, T, float>;
  using M = opmath_t<C>;  // what it computes in

  double rtol;
  double atol;
  bool equal_nan;

  EMBER_HOST_DEVICE static M rounded(M v) { return static_cast<M>(static_cast<C>(v)); }

  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    if constexpr (is_reduced_float_v<T>) {
      if (static_cast<float>(a) == static_cast<float>(b)) return true;
    } else {
      if (a == b) return true;
    }
    const M x = convert<M>(a), y = convert<M>(b);
    if constexpr (is_float_like_v<T>) {
      if (equal_nan && x != x && y != y) return true;
    }
    if (rtol == 0 && atol == 0) return false;
    const M allowed =
        rounded(static_cast<M>(atol) + rounded(std::abs(rounded(static_cast<M>(rtol) * y))));
    const M actual = rounded(std::abs(rounded(x - y)));
    return std::isfinite(actual) && actual <= allowed;
  }
};

}  // namespace ember::kernels
