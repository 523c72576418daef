#pragma once

// The CPU sorting kernels' helpers: the keys of kernels/SortKey.h back to values, and an LSD
// radix sort over (key, index) records. Descending order is the complemented key, so one
// stable ascending sort serves both directions and keeps equal elements in their original
// order (libtorch's stable sort).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "kernels/Convert.h"
#include "kernels/SortKey.h"

namespace ember::cpu {

using kernels::sort_key;
using kernels::sort_key_t;

/// The value whose key is `k` (NaNs come back as one NaN, -0.0 as 0.0).
template <class T>
inline T from_sort_key(sort_key_t<T> k) {
  using K = sort_key_t<T>;
  if constexpr (std::is_same_v<T, bool>) {
    return k != 0;
  } else if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    constexpr U sign = std::is_signed_v<T> ? static_cast<U>(U{1} << (sizeof(T) * 8 - 1)) : U{0};
    return static_cast<T>(static_cast<U>(static_cast<U>(k) ^ sign));
  } else if constexpr (kernels::is_reduced_float_v<T>) {
    return kernels::convert<T>(from_sort_key<float>(k));
  } else {
    const K sign = K{1} << (sizeof(T) * 8 - 1);
    const K bits = (k & sign) ? (k ^ sign) : ~k;
    T v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
}

/// Whether equal keys may still be distinct values: NaNs, which unique keeps apart.
template <class T>
inline bool is_nan_key(sort_key_t<T> k) {
  return kernels::is_float_like_v<T> && k == ~sort_key_t<T>{0};
}

/// One element being sorted: its key and its position along the sorted dim.
template <class K>
struct KeyIndex {
  K key;
  uint32_t index;
};

template <class K>
inline bool key_index_less(const KeyIndex<K>& a, const KeyIndex<K>& b) {
  return a.key < b.key || (a.key == b.key && a.index < b.index);
}

/// Sorts `data` by key, stably (ties keep their order in `data`), using `scratch` (same
/// length). Radix passes of 8 bits; passes where every key has the same digit are skipped.
/// The result ends in `data`.
template <class Rec, class GetKey>
void radix_sort(Rec* data, Rec* scratch, int64_t n, GetKey key_of) {
  using K = std::decay_t<decltype(key_of(data[0]))>;
  if (n <= 64) {
    std::stable_sort(data, data + n,
                     [&](const Rec& a, const Rec& b) { return key_of(a) < key_of(b); });
    return;
  }
  constexpr int kPasses = sizeof(K);
  // Every histogram in one read of the data.
  std::vector<int64_t> counts(static_cast<size_t>(kPasses) * 256, 0);
  for (int64_t i = 0; i < n; ++i) {
    const K k = key_of(data[i]);
    for (int p = 0; p < kPasses; ++p) ++counts[p * 256 + ((k >> (8 * p)) & 0xff)];
  }
  Rec* src = data;
  Rec* dst = scratch;
  for (int p = 0; p < kPasses; ++p) {
    int64_t* c = counts.data() + p * 256;
    if (*std::max_element(c, c + 256) == n) continue;  // one digit value: nothing moves
    int64_t offset = 0;
    for (int d = 0; d < 256; ++d) {
      const int64_t count = c[d];
      c[d] = offset;
      offset += count;
    }
    const int shift = 8 * p;
    for (int64_t i = 0; i < n; ++i) {
      const Rec& r = src[i];
      dst[c[(key_of(r) >> shift) & 0xff]++] = r;
    }
    std::swap(src, dst);
  }
  if (src != data) std::copy(src, src + n, data);
}

}  // namespace ember::cpu
