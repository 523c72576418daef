#pragma once

// Activation functors (gelu, leaky_relu) shared by the CPU and CUDA backends, computed in the
// op-math type.

#include <cmath>

#include "kernels/FastMath.h"
#include "kernels/OpMath.h"

namespace ember::kernels {

/// x * Phi(x) = x / 2 * erfc(-x / sqrt(2)); erfc keeps the precision that 1 + erf(x / sqrt(2))
/// loses to cancellation for negative x.
struct Gelu {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    constexpr T kRsqrt2 = T(0.70710678118654752440);
    return x * T(0.5) * std::erfc(-x * kRsqrt2);
  }
};

/// The tanh approximation: x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3))).
struct GeluTanh {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T x) const {
    constexpr T kBeta = T(0.79788456080286535588);  // sqrt(2 / pi)
    constexpr T kKappa = T(0.044715);
    const T inner = kBeta * (x + kKappa * x * x * x);
    return T(0.5) * x * (T(1) + fast_tanh(inner));
  }
};

/// x for x > 0, slope * x otherwise (NaN stays NaN).
template <class T>
struct LeakyRelu {
  T slope;
  EMBER_HOST_DEVICE T operator()(T x) const { return x > T(0) ? x : x * slope; }
};

}  // namespace ember::kernels
