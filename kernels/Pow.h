#pragma once

// Power functors shared by the CPU and CUDA backends: floating pow in the op-math type, and
// integer pow by repeated squaring with wrap-around, as PyTorch's powi.

#include <cmath>
#include <type_traits>

#include "kernels/OpMath.h"

namespace ember::kernels {

/// base ** exp for integers. Negative exponents give 1 / base ** -exp truncated: 0, except
/// for bases 1 and -1 (PyTorch's tensor-tensor behaviour; front ends reject a negative
/// scalar exponent).
template <class T>
EMBER_HOST_DEVICE inline T integer_pow(T base, T exp) {
  if constexpr (std::is_signed_v<T>) {
    if (exp < 0) {
      if (base == 1) return T(1);
      if (base == -1) return (exp & 1) ? T(-1) : T(1);
      return T(0);
    }
  }
  T result = 1;
  while (exp != 0) {
    if (exp & 1) result = wrapping_mul(result, base);
    exp = static_cast<T>(exp / 2);
    base = wrapping_mul(base, base);
  }
  return result;
}

/// base ** exp (tensor ** tensor).
struct Pow {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T base, T exp) const {
    if constexpr (std::is_integral_v<T>) {
      return integer_pow(base, exp);
    } else {
      return std::pow(base, exp);
    }
  }
};

/// base ** e for a fixed floating exponent `e`; the common exponents PyTorch special-cases
/// take the same cheaper (and differently rounded) paths: x*x, x*x*x, sqrt, rsqrt, 1/x.
template <class T>
struct PowScalar {
  T e;
  EMBER_HOST_DEVICE T operator()(T x) const { return std::pow(x, e); }
};
struct PowSquare {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return wrapping_mul(x, x);
  }
};
struct PowCube {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return wrapping_mul(wrapping_mul(x, x), x);
  }
};
struct PowInverseSquare {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    return T(1) / (x * x);
  }
};

}  // namespace ember::kernels
