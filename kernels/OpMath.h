#pragma once

// The type arithmetic happens in: half and bfloat16 compute in float, everything else in
// itself. Integer helpers wrap around on overflow (as PyTorch's kernels do in practice)
// without the undefined behaviour of signed overflow.

#include <type_traits>

#include "ember/core/Half.h"
#include "ember/core/Macros.h"

namespace ember::kernels {

template <class T>
struct OpMath {
  using type = T;
};
template <>
struct OpMath<Half> {
  using type = float;
};
template <>
struct OpMath<BFloat16> {
  using type = float;
};
template <class T>
using opmath_t = typename OpMath<T>::type;

template <class T>
inline constexpr bool is_wrapping_integer_v = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <class T>
EMBER_HOST_DEVICE inline T wrapping_add(T a, T b) {
  if constexpr (is_wrapping_integer_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
  } else {
    return a + b;
  }
}

template <class T>
EMBER_HOST_DEVICE inline T wrapping_sub(T a, T b) {
  if constexpr (is_wrapping_integer_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
  } else {
    return a - b;
  }
}

template <class T>
EMBER_HOST_DEVICE inline T wrapping_mul(T a, T b) {
  if constexpr (is_wrapping_integer_v<T>) {
    using U = std::make_unsigned_t<T>;
    // Widen small unsigned types first: uint16 * uint16 would promote to (signed) int.
    using W = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
    return static_cast<T>(
        static_cast<U>(static_cast<W>(static_cast<U>(a)) * static_cast<W>(static_cast<U>(b))));
  } else {
    return a * b;
  }
}

}  // namespace ember::kernels
