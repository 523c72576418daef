#pragma once

// Order-preserving unsigned keys for the sorting kernels of both backends: a key compares as
// PyTorch compares the values (NaN above everything, all NaNs equal, -0.0 equal to 0.0,
// half/bfloat16 through float). Descending order is the complemented key.

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ember/core/Macros.h"
#include "kernels/Convert.h"

namespace ember::kernels {

/// The key type of T: 64 bits for 64-bit types, 32 bits otherwise.
template <class T>
using sort_key_t = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;

template <class T>
EMBER_HOST_DEVICE inline sort_key_t<T> sort_key(T v) {
  using K = sort_key_t<T>;
  if constexpr (std::is_same_v<T, bool>) {
    return static_cast<K>(v);
  } else if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    constexpr U sign = std::is_signed_v<T> ? static_cast<U>(U{1} << (sizeof(T) * 8 - 1)) : U{0};
    return static_cast<K>(static_cast<U>(static_cast<U>(v) ^ sign));
  } else if constexpr (is_reduced_float_v<T>) {
    return sort_key(convert<float>(v));
  } else {
    if (v != v) return ~K{0};  // NaN
    if (v == T(0)) v = T(0);   // -0.0 sorts with 0.0
    K bits;
    memcpy(&bits, &v, sizeof bits);
    const K sign = K{1} << (sizeof(T) * 8 - 1);
    return (bits & sign) ? ~bits : (bits | sign);
  }
}

}  // namespace ember::kernels
