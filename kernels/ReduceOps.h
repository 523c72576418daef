#pragma once

// Reduction functors shared by the backends: identity, reduce (fold one value in), combine
// (merge two partial results) and project (final value).

#include <cstdint>
#include <limits>
#include <type_traits>

#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::kernels {

/// Sum. Floats accumulate in double on the CPU and in float on the GPU (Acc chosen by the
/// backend); integers accumulate in int64 with wrap-around.
template <class Acc>
struct SumOp {
  using acc_t = Acc;
  EMBER_HOST_DEVICE Acc identity() const { return Acc(0); }
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc v) const { return wrapping_add(a, v); }
  EMBER_HOST_DEVICE Acc combine(Acc a, Acc b) const { return wrapping_add(a, b); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(Acc a) const {
    return convert<Out>(a);
  }
};

}  // namespace ember::kernels

// ---- max / min and their index-tracking forms (added with the CUDA backend) ----------------
// NaN propagates: the max/min of values containing a NaN is NaN, and argmax/argmin point at
// the first NaN. Ties resolve to the lowest index, so results do not depend on the order in
// which a backend combines partial results.

namespace ember::kernels {

template <class T>
EMBER_HOST_DEVICE inline bool is_nan_value(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    return v != v;
  } else {
    return false;
  }
}

/// -inf for floating types, the lowest value otherwise (false for bool).
template <class T>
EMBER_HOST_DEVICE inline T lowest_value() {
  if constexpr (std::is_floating_point_v<T>) {
    return -std::numeric_limits<T>::infinity();
  } else {
    return std::numeric_limits<T>::lowest();
  }
}

/// +inf for floating types, the largest value otherwise (true for bool).
template <class T>
EMBER_HOST_DEVICE inline T highest_value() {
  if constexpr (std::is_floating_point_v<T>) {
    return std::numeric_limits<T>::infinity();
  } else {
    return std::numeric_limits<T>::max();
  }
}

/// Maximum (Acc is the op-math type: float for half/bfloat16).
template <class Acc>
struct MaxOp {
  using acc_t = Acc;
  EMBER_HOST_DEVICE Acc identity() const { return lowest_value<Acc>(); }
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc v) const { return (is_nan_value(a) || a > v) ? a : v; }
  EMBER_HOST_DEVICE Acc combine(Acc a, Acc b) const { return reduce(a, b); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(Acc a) const {
    return convert<Out>(a);
  }
};

/// Minimum.
template <class Acc>
struct MinOp {
  using acc_t = Acc;
  EMBER_HOST_DEVICE Acc identity() const { return highest_value<Acc>(); }
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc v) const { return (is_nan_value(a) || a < v) ? a : v; }
  EMBER_HOST_DEVICE Acc combine(Acc a, Acc b) const { return reduce(a, b); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(Acc a) const {
    return convert<Out>(a);
  }
};

/// A value and where it was found (index -1: nothing seen yet).
template <class M>
struct ValueIndex {
  M value;
  int64_t index;
};

/// The maximum (kMax) or minimum and its index along the reduction.
template <class M, bool kMax>
struct ArgExtremumOp {
  using acc_t = ValueIndex<M>;
  using value_t = M;
  EMBER_HOST_DEVICE acc_t identity() const {
    return {kMax ? lowest_value<M>() : highest_value<M>(), -1};
  }
  EMBER_HOST_DEVICE acc_t reduce(acc_t a, M v, int64_t index) const {
    return combine(a, acc_t{v, index});
  }
  EMBER_HOST_DEVICE acc_t combine(acc_t a, acc_t b) const {
    if (a.index < 0) return b;
    if (b.index < 0) return a;
    const bool a_nan = is_nan_value(a.value), b_nan = is_nan_value(b.value);
    if (a_nan || b_nan) {
      if (a_nan && b_nan) return a.index <= b.index ? a : b;
      return a_nan ? a : b;
    }
    if (a.value == b.value) return a.index <= b.index ? a : b;
    return (kMax ? a.value > b.value : a.value < b.value) ? a : b;
  }
};

template <class M>
using ArgMaxOp = ArgExtremumOp<M, true>;
template <class M>
using ArgMinOp = ArgExtremumOp<M, false>;

}  // namespace ember::kernels
