#pragma once

// Reduction functors shared by the backends. Each one has
//   acc_t                      the accumulator (partial result) type
//   in_t                       what an input element is converted to before it is folded in
//   identity()                 the value a fold starts from
//   reduce(acc, x, i)          folds element x, at flat reduced index i, into acc
//   combine(a, b)              merges two partial results (a covers the earlier elements)
//   project<Out>(acc)          the final value, converted to the output type
// A functor may also have fold_block(acc, p, n, i0): folds n contiguous elements p[0..n) at
// once (the CPU driver uses it for contiguous runs when it is more accurate or faster).
// Backends pick the accumulation type where it is a template parameter: the CPU sums floats
// in double (accurate and still memory-bound).

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "kernels/Convert.h"
#include "kernels/FastMath.h"
#include "kernels/OpMath.h"

// Keeps the next loop rolled on GCC host builds. A short loop over independent accumulators
// vectorises as a loop; fully unrolled, its selects (NaN-propagating max) become branches.
#if defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#define EMBER_KEEP_LOOP_ROLLED _Pragma("GCC unroll 1")
#else
#define EMBER_KEEP_LOOP_ROLLED
#endif

namespace ember::kernels {

/// NaN test that compiles for every element type (integers and bool are never NaN).
template <class V>
EMBER_HOST_DEVICE inline bool is_nan_value(V v) {
  if constexpr (std::is_floating_point_v<V>) {
    return v != v;
  } else {
    return false;
  }
}

/// x > y (kMax) or x < y. Floating types use the quiet comparisons (false for NaN, never
/// trapping), which compilers may evaluate unconditionally and so vectorise as selects.
template <bool kMax, class V>
EMBER_HOST_DEVICE inline bool strictly_better(V x, V y) {
  if constexpr (std::is_floating_point_v<V>) {
    return kMax ? std::isgreater(x, y) : std::isless(x, y);
  } else {
    return kMax ? x > y : x < y;
  }
}

/// The smallest and largest values of V (infinities for floating types).
template <class V>
EMBER_HOST_DEVICE constexpr V lowest_value() {
  if constexpr (std::is_floating_point_v<V>) {
    return -std::numeric_limits<V>::infinity();
  } else {
    return std::numeric_limits<V>::lowest();
  }
}
template <class V>
EMBER_HOST_DEVICE constexpr V highest_value() {
  if constexpr (std::is_floating_point_v<V>) {
    return std::numeric_limits<V>::infinity();
  } else {
    return std::numeric_limits<V>::max();
  }
}

/// Sum. Integers accumulate in int64 with wrap-around; floats in Acc (double on the CPU).
template <class Acc>
struct SumOp {
  using acc_t = Acc;
  using in_t = Acc;
  EMBER_HOST_DEVICE Acc identity() const { return Acc(0); }
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc v, int64_t) const { return wrapping_add(a, v); }
  EMBER_HOST_DEVICE Acc combine(Acc a, Acc b) const { return wrapping_add(a, b); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(Acc a) const {
    return convert<Out>(a);
  }
};

/// Product, with the same accumulation rules as SumOp.
template <class Acc>
struct ProdOp {
  using acc_t = Acc;
  using in_t = Acc;
  EMBER_HOST_DEVICE Acc identity() const { return Acc(1); }
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc v, int64_t) const { return wrapping_mul(a, v); }
  EMBER_HOST_DEVICE Acc combine(Acc a, Acc b) const { return wrapping_mul(a, b); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(Acc a) const {
    return convert<Out>(a);
  }
};

/// Largest (kMax) or smallest value; NaN propagates (any NaN makes the result NaN).
template <class V, bool kMax>
struct ExtremumOp {
  using acc_t = V;
  using in_t = V;
  EMBER_HOST_DEVICE V identity() const { return kMax ? lowest_value<V>() : highest_value<V>(); }
  EMBER_HOST_DEVICE V reduce(V a, V x, int64_t) const {
    return (strictly_better<kMax>(x, a) || is_nan_value(x)) ? x : a;
  }
  EMBER_HOST_DEVICE V combine(V a, V b) const { return reduce(a, b, 0); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(V a) const {
    return convert<Out>(a);
  }
};
template <class V>
using MaxOp = ExtremumOp<V, true>;
template <class V>
using MinOp = ExtremumOp<V, false>;

/// A value and where it was found (index -1: nothing seen yet).
template <class V>
struct ValueIndex {
  V value;
  int64_t index;
};

/// max/min with the index of the first occurrence; a NaN wins, the first NaN's index is kept
/// (as PyTorch's max(dim), argmax).
template <class V, bool kMax>
struct ArgExtremumOp {
  using acc_t = ValueIndex<V>;
  using in_t = V;
  EMBER_HOST_DEVICE static bool better(V x, V than) {
    return strictly_better<kMax>(x, than) || (is_nan_value(x) && !is_nan_value(than));
  }
  EMBER_HOST_DEVICE acc_t identity() const {
    return {kMax ? lowest_value<V>() : highest_value<V>(), -1};
  }
  EMBER_HOST_DEVICE acc_t reduce(acc_t a, V x, int64_t i) const {
    return (a.index < 0 || better(x, a.value)) ? acc_t{x, i} : a;
  }
  EMBER_HOST_DEVICE acc_t combine(acc_t a, acc_t b) const {
    if (a.index < 0) return b;
    if (b.index < 0) return a;
    if (better(b.value, a.value)) return b;
    if (better(a.value, b.value)) return a;
    return b.index < a.index ? b : a;  // equal (or both NaN): the first occurrence
  }
  template <class Out>
  EMBER_HOST_DEVICE Out project(acc_t a) const {
    return convert<Out>(a.value);
  }
};
template <class V>
using ArgMaxOp = ArgExtremumOp<V, true>;
template <class V>
using ArgMinOp = ArgExtremumOp<V, false>;

/// any (kAny) or all: logical or / and of the elements' truth values (NaN counts as true).
template <bool kAny>
struct LogicalReduceOp {
  using acc_t = bool;
  using in_t = bool;
  EMBER_HOST_DEVICE bool identity() const { return !kAny; }
  EMBER_HOST_DEVICE bool reduce(bool a, bool x, int64_t) const {
    return kAny ? (a || x) : (a && x);
  }
  EMBER_HOST_DEVICE bool combine(bool a, bool b) const { return reduce(a, b, 0); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(bool a) const {
    return convert<Out>(a);
  }
};
using AnyOp = LogicalReduceOp<true>;
using AllOp = LogicalReduceOp<false>;

/// Count, mean and sum of squared deviations from the mean.
template <class Acc>
struct WelfordData {
  Acc mean;
  Acc m2;
  int64_t n;
};

/// Variance (or standard deviation) with Bessel-style `correction` (1: unbiased). Elements fold
/// in with Welford's update and partial results merge with Chan et al.'s formula; contiguous
/// blocks use the two-pass algorithm (corrected), so results stay accurate for data with a
/// large mean. The divisor is max(n - correction, 0): fewer elements than that give NaN.
template <class Acc>
struct WelfordOp {
  using acc_t = WelfordData<Acc>;
  using in_t = Acc;
  Acc correction;
  bool take_sqrt;

  EMBER_HOST_DEVICE acc_t identity() const { return {Acc(0), Acc(0), 0}; }
  EMBER_HOST_DEVICE acc_t reduce(acc_t a, Acc x, int64_t) const {
    const int64_t n = a.n + 1;
    const Acc delta = x - a.mean;
    const Acc mean = a.mean + delta / static_cast<Acc>(n);
    return {mean, a.m2 + delta * (x - mean), n};
  }
  EMBER_HOST_DEVICE acc_t combine(acc_t a, acc_t b) const {
    if (a.n == 0) return b;
    if (b.n == 0) return a;
    const int64_t n = a.n + b.n;
    const Acc delta = b.mean - a.mean;
    const Acc b_frac = static_cast<Acc>(b.n) / static_cast<Acc>(n);
    return {a.mean + delta * b_frac, a.m2 + b.m2 + delta * delta * static_cast<Acc>(a.n) * b_frac,
            n};
  }
  template <class Out>
  EMBER_HOST_DEVICE Out project(acc_t a) const {
    const Acc count = static_cast<Acc>(a.n);
    const Acc divisor = count > correction ? count - correction : Acc(0);
    const Acc var = a.m2 / divisor;
    return convert<Out>(take_sqrt ? std::sqrt(var) : var);
  }
  template <class T>
  EMBER_HOST_DEVICE acc_t fold_block(acc_t acc, const T* p, int64_t n, int64_t) const {
    if (n <= 0) return acc;
    constexpr int kLanes = 8;
    const int64_t full = n / kLanes * kLanes;
    Acc lanes[kLanes] = {};
    int64_t i = 0;
    for (; i < full; i += kLanes) {
      for (int l = 0; l < kLanes; ++l) lanes[l] += convert<Acc>(p[i + l]);
    }
    Acc sum = 0;
    for (int l = 0; l < kLanes; ++l) sum += lanes[l];
    for (; i < n; ++i) sum += convert<Acc>(p[i]);
    const Acc mean = sum / static_cast<Acc>(n);
    // Second pass: squared deviations, plus the sum of deviations that corrects the rounding
    // error of the mean.
    Acc sq[kLanes] = {}, dev[kLanes] = {};
    for (i = 0; i < full; i += kLanes) {
      for (int l = 0; l < kLanes; ++l) {
        const Acc d = convert<Acc>(p[i + l]) - mean;
        sq[l] += d * d;
        dev[l] += d;
      }
    }
    Acc sq_sum = 0, dev_sum = 0;
    for (int l = 0; l < kLanes; ++l) {
      sq_sum += sq[l];
      dev_sum += dev[l];
    }
    for (; i < n; ++i) {
      const Acc d = convert<Acc>(p[i]) - mean;
      sq_sum += d * d;
      dev_sum += d;
    }
    const Acc m2 = sq_sum - dev_sum * dev_sum / static_cast<Acc>(n);
    return combine(acc, {mean, m2, n});
  }
};

/// Vector norms. p = 0 counts non-zero elements (NaN counts), 1 sums magnitudes, 2 is the
/// Euclidean norm, inf / -inf take the largest / smallest magnitude (NaN propagates), and any
/// other p is (sum |x|^p)^(1/p).
template <class Acc>
struct NormZeroOp : SumOp<Acc> {
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc x, int64_t) const { return a + (x != Acc(0) ? 1 : 0); }
};
template <class Acc>
struct NormOneOp : SumOp<Acc> {
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc x, int64_t) const { return a + std::abs(x); }
};
template <class Acc>
struct NormTwoOp : SumOp<Acc> {
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc x, int64_t) const { return a + x * x; }
  template <class Out>
  EMBER_HOST_DEVICE Out project(Acc a) const {
    return convert<Out>(std::sqrt(a));
  }
};
template <class Acc, bool kMax>
struct NormInfOp : ExtremumOp<Acc, kMax> {
  EMBER_HOST_DEVICE Acc identity() const {
    return kMax ? Acc(0) : std::numeric_limits<Acc>::infinity();
  }
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc x, int64_t) const {
    return ExtremumOp<Acc, kMax>::reduce(a, std::abs(x), 0);
  }
};
template <class Acc>
struct NormPOp : SumOp<Acc> {
  Acc p;
  EMBER_HOST_DEVICE Acc reduce(Acc a, Acc x, int64_t) const { return a + std::pow(std::abs(x), p); }
  template <class Out>
  EMBER_HOST_DEVICE Out project(Acc a) const {
    return convert<Out>(std::pow(a, Acc(1) / p));
  }
};

/// The shift logsumexp subtracts before exponentiating: the max, or 0 when the max is infinite
/// (so that inf and -inf inputs give inf / -inf instead of NaN, as PyTorch).
template <class V>
EMBER_HOST_DEVICE inline V logsumexp_shift(V max) {
  return std::abs(max) == std::numeric_limits<V>::infinity() ? V(0) : max;
}

/// The running max of the elements and the sum of exp(x - shift(max)).
template <class V, class Acc>
struct MaxSumExp {
  V max;
  Acc sum;
};

/// logsumexp = log(sum(exp(x - shift))) + shift, computed online: partial results carry their
/// max and a sum relative to it, and are rescaled when merged. Exponentials are computed in
/// the element's op-math type V, sums accumulate in Acc.
template <class V, class Acc>
struct LogSumExpOp {
  using acc_t = MaxSumExp<V, Acc>;
  using in_t = V;

  EMBER_HOST_DEVICE acc_t identity() const { return {lowest_value<V>(), Acc(0)}; }
  EMBER_HOST_DEVICE acc_t reduce(acc_t a, V x, int64_t) const {
    return combine(a, {x, static_cast<Acc>(fast_exp(x - logsumexp_shift(x)))});
  }
  EMBER_HOST_DEVICE acc_t combine(acc_t a, acc_t b) const {
    const V max = MaxOp<V>{}.reduce(a.max, b.max, 0);
    const Acc shift = static_cast<Acc>(logsumexp_shift(max));
    return {max, rescale(a, shift) + rescale(b, shift)};
  }
  template <class Out>
  EMBER_HOST_DEVICE Out project(acc_t a) const {
    return convert<Out>(static_cast<V>(std::log(a.sum)) + logsumexp_shift(a.max));
  }
  template <class T>
  EMBER_HOST_DEVICE acc_t fold_block(acc_t acc, const T* p, int64_t n, int64_t) const {
    // Two passes over the block: its max, then the sum of exponentials (both vectorise).
    constexpr int kLanes = 8;
    const int64_t full = n / kLanes * kLanes;
    V lane_max[kLanes];
    for (auto& m : lane_max) m = lowest_value<V>();
    int64_t i = 0;
    for (; i < full; i += kLanes) {
      EMBER_KEEP_LOOP_ROLLED
      for (int l = 0; l < kLanes; ++l) {
        lane_max[l] = MaxOp<V>{}.reduce(lane_max[l], convert<V>(p[i + l]), 0);
      }
    }
    V max = lowest_value<V>();
    for (int l = 0; l < kLanes; ++l) max = MaxOp<V>{}.reduce(max, lane_max[l], 0);
    for (; i < n; ++i) max = MaxOp<V>{}.reduce(max, convert<V>(p[i]), 0);
    const V shift = logsumexp_shift(max);
    Acc lane_sum[kLanes] = {};
    for (i = 0; i < full; i += kLanes) {
      for (int l = 0; l < kLanes; ++l) {
        lane_sum[l] += static_cast<Acc>(fast_exp(convert<V>(p[i + l]) - shift));
      }
    }
    Acc sum = 0;
    for (int l = 0; l < kLanes; ++l) sum += lane_sum[l];
    for (; i < n; ++i) sum += static_cast<Acc>(fast_exp(convert<V>(p[i]) - shift));
    return combine(acc, {max, sum});
  }

 private:
  // a's sum relative to `shift` instead of a's own shift. An empty sum stays 0 (its factor
  // may overflow).
  EMBER_HOST_DEVICE static Acc rescale(acc_t a, Acc shift) {
    if (a.sum == Acc(0)) return Acc(0);
    return a.sum * std::exp(static_cast<Acc>(logsumexp_shift(a.max)) - shift);
  }
};

}  // namespace ember::kernels
