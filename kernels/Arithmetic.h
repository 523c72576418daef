#pragma once

// Binary arithmetic functors shared by the CPU and CUDA backends. They take and return the
// op-math type (float for half/bfloat16); the loops convert at load and store.

#include "kernels/OpMath.h"

namespace ember::kernels {

/// a + alpha * b (add and sub: sub passes -alpha). For bool this is logical or.
struct AddAlpha {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b, T alpha) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a || (alpha && b);
    } else {
      return wrapping_add(a, wrapping_mul(alpha, b));
    }
  }
};

/// a + b.
struct Add {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a || b;
    } else {
      return wrapping_add(a, b);
    }
  }
};

/// a * b (logical and for bool).
struct Mul {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a && b;
    } else {
      return wrapping_mul(a, b);
    }
  }
};

/// True division; front ends promote integer inputs to a floating type first.
struct Div {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    return a / b;
  }
};

}  // namespace ember::kernels
