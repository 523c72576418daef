#pragma once

// searchsorted's binary search, shared by both backends, with PyTorch's comparisons written
// as !(mid >= v) / !(mid > v), so a NaN value lands at the end as in PyTorch.

#include <cstdint>

#include "ember/core/Macros.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::kernels {

/// The insertion point of `value` in row[order[0..m)] (order null: row[0..m)); `right`: after
/// equal elements.
template <class T>
EMBER_HOST_DEVICE inline int64_t insertion_point(const T* row, const int64_t* order, int64_t m,
                                                 T value, bool right) {
  using C = opmath_t<T>;
  const C v = convert<C>(value);
  int64_t lo = 0, hi = m;
  while (lo < hi) {
    const int64_t mid = lo + ((hi - lo) >> 1);
    const C mv = convert<C>(row[order ? order[mid] : mid]);
    if (right ? !(mv > v) : !(mv >= v)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace ember::kernels
