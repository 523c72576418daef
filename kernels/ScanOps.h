#pragma once

// The step functions of the scans cumprod, logcumsumexp, cummax and cummin, shared by the CPU
// and CUDA kernels so both give PyTorch's results: the running value combined with the next
// element.

#include <cmath>

#include "ember/core/Macros.h"

namespace ember::kernels {

/// log(exp(a) + exp(b)) without overflow; NaN propagates, and two equal infinities give that
/// infinity (exp(-inf) + exp(-inf) = 0, log(0) = -inf), as PyTorch's _log_add_exp_helper.
template <class T>
EMBER_HOST_DEVICE inline T log_add_exp(T a, T b) {
  using std::isnan;
  const T lo = isnan(b) ? b : (a < b ? a : b);
  const T hi = isnan(b) ? b : (a < b ? b : a);
  using std::exp;
  using std::isfinite;
  using std::log1p;
  if (lo != hi || isfinite(lo)) return hi + log1p(exp(lo - hi));
  return a;
}

/// Whether x replaces the running maximum `best` of cummax (cummin with Greater = false): a
/// NaN always does (the first NaN, then each later one), nothing replaces a NaN, and an equal
/// value does (the index moves to the last of equal maxima).
template <bool Greater, class T>
EMBER_HOST_DEVICE inline bool cum_extremum_replaces(T x, T best) {
  if (x != x) return true;
  if (best != best) return false;
  return Greater ? x >= best : x <= best;
}

}  // namespace ember::kernels
