#pragma once

// Reduction functors shared by the backends: identity, reduce (fold one value in), combine
// (merge two partial results) and project (final value).

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
