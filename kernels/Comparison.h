#pragma once

// Comparison, logical and bitwise functors shared by the CPU and CUDA backends. Comparisons
// and logical ops take operands of the promoted dtype and return bool.

#include <type_traits>

#include "kernels/OpMath.h"

namespace ember::kernels {

struct Eq {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return a == b;
  }
};
struct Ne {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return a != b;
  }
};
struct Lt {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return a < b;
  }
};
struct Le {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return a <= b;
  }
};
struct Gt {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return a > b;
  }
};
struct Ge {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return a >= b;
  }
};

/// Non-zero values (NaN included) are true.
struct LogicalAnd {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return (a != T(0)) && (b != T(0));
  }
};
struct LogicalOr {
  template <class T>
  EMBER_HOST_DEVICE bool operator()(T a, T b) const {
    return (a != T(0)) || (b != T(0));
  }
};

/// Integers and bool only.
struct BitwiseAnd {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a && b;
    } else {
      return static_cast<T>(a & b);
    }
  }
};
struct BitwiseOr {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T a, T b) const {
    if constexpr (std::is_same_v<T, bool>) {
      return a || b;
    } else {
      return static_cast<T>(a | b);
    }
  }
};

/// cond ? a : b.
struct Where {
  template <class T>
  EMBER_HOST_DEVICE T operator()(bool cond, T a, T b) const {
    return cond ? a : b;
  }
};

}  // namespace ember::kernels
