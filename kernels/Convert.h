#pragma once

// Conversion between element types with PyTorch's CPU results, and without undefined
// behaviour: float -> integer conversions of out-of-range values (and NaN) give what x86's
// truncating conversion gives (the "integer indefinite" value for 32/64-bit results, then
// wrap-around for narrower ones); integer -> narrower integer wraps.

#include <cstdint>
#include <type_traits>

#include "ember/core/Half.h"
#include "ember/core/Macros.h"

namespace ember::kernels {

template <class T>
inline constexpr bool is_reduced_float_v = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;

template <class T>
inline constexpr bool is_float_like_v = std::is_floating_point_v<T> || is_reduced_float_v<T>;

namespace detail {
template <class I>
EMBER_HOST_DEVICE inline I float_to_integer(double v) {
  if constexpr (sizeof(I) == 8) {
    // Valid range is [-2^63, 2^63); NaN fails both comparisons.
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) {
      return static_cast<I>(INT64_MIN);
    }
    return static_cast<I>(static_cast<int64_t>(v));
  } else {
    int32_t wide;
    if (!(v > -2147483649.0 && v < 2147483648.0)) {
      wide = INT32_MIN;
    } else {
      wide = static_cast<int32_t>(v);
    }
    return static_cast<I>(wide);  // narrower types wrap (defined since C++20)
  }
}
}  // namespace detail

/// Converts one value from type From to type To.
template <class To, class From>
EMBER_HOST_DEVICE inline To convert(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<To, bool>) {
    if constexpr (is_reduced_float_v<From>) {
      return static_cast<float>(v) != 0.0f;
    } else {
      return v != From(0);
    }
  } else if constexpr (std::is_integral_v<To>) {
    if constexpr (is_reduced_float_v<From>) {
      return detail::float_to_integer<To>(static_cast<double>(static_cast<float>(v)));
    } else if constexpr (std::is_floating_point_v<From>) {
      return detail::float_to_integer<To>(static_cast<double>(v));
    } else {
      return static_cast<To>(v);
    }
  } else if constexpr (is_reduced_float_v<To>) {
    return To(static_cast<float>(v));  // as c10: wider types go through float
  } else {                             // float or double
    if constexpr (is_reduced_float_v<From>) {
      return static_cast<To>(static_cast<float>(v));
    } else {
      return static_cast<To>(v);
    }
  }
}

}  // namespace ember::kernels
