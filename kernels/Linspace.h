#pragma once

// linspace's values, one formula for every backend (PyTorch's CPU kernel): the first half
// steps up from `start`, the second half steps down from `end`, so both end points are exact
// and the values symmetric. The end points are converted to T first. Integer results step in
// double with an unfused multiply and add and truncate; floating ones step in the op-math type
// (float for half and bfloat16, the step not rounded to T) with a fused multiply-add (PyTorch's
// compiled kernel contracts `start + step * i` into one). (PyTorch's vectorised CPU loop, used
// for 16 or more elements, derives lanes from a per-vector base and may differ from these
// values in the last bit.)

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "ember/core/Macros.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::kernels {

template <class T>
struct Linspace {
  using Acc = std::conditional_t<std::is_integral_v<T>, double, opmath_t<T>>;
  Acc start;
  Acc end;
  Acc step;
  int64_t steps;

  /// The values of linspace(start, end, steps) for T; steps >= 1 (one step gives `start`).
  static Linspace make(T start, T end, int64_t steps) {
    const Acc s = static_cast<Acc>(start);
    const Acc e = steps == 1 ? s : static_cast<Acc>(end);  // the one value is `start`
    const Acc step = steps > 1 ? (e - s) / static_cast<Acc>(steps - 1) : Acc(0);
    return Linspace{s, e, step, steps};
  }

  /// Element i of the result.
  EMBER_HOST_DEVICE T operator()(int64_t i) const {
    const bool up = i < steps / 2;
    const Acc n = static_cast<Acc>(up ? i : steps - i - 1);
    if constexpr (std::is_integral_v<T>) {
#if defined(__CUDA_ARCH__)
      const double v =
          up ? __dadd_rn(start, __dmul_rn(step, n)) : __dsub_rn(end, __dmul_rn(step, n));
#else
      // Unfused: the CPU backend's baseline ISA has no FMA instruction to contract into.
      const double v = up ? start + step * n : end - step * n;
#endif
      return convert<T>(v);
    } else {
      return static_cast<T>(up ? fused(step, n, start) : fused(-step, n, end));
    }
  }

 private:
  EMBER_HOST_DEVICE static Acc fused(Acc a, Acc b, Acc c) {
#if defined(__CUDA_ARCH__)
    if constexpr (std::is_same_v<Acc, float>) {
      return fmaf(a, b, c);
    } else {
      return fma(a, b, c);
    }
#else
    return std::fma(a, b, c);
#endif
  }
};

}  // namespace ember::kernels
