#pragma once

// exp for the along-dim ops (softmax, log_softmax, logsumexp). The float version is written
// with plain arithmetic and selects, no calls, so that compilers vectorise loops over it (a
// call to std::exp(float) stays scalar); it is accurate to about 1 ulp over the whole range,
// subnormal results included, and returns inf / 0 / NaN where std::exp does.

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ember/core/Half.h"
#include "ember/core/Macros.h"

namespace ember::kernels {

/// e^x in float precision, vectorisable.
EMBER_HOST_DEVICE EMBER_ALWAYS_INLINE float exp_float(float x) {
  constexpr float kLog2e = 1.44269504088896341f;
  // ln 2 split in a part with few significant bits (exact in products with n) and the rest.
  constexpr float kLn2Hi = 0.693359375f;
  constexpr float kLn2Lo = -2.12194440e-4f;
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  // Arguments are clamped to [kMinArg, kMaxArg]: e^kMaxArg overflows to inf and e^kMinArg
  // rounds to 0 in the final scaling, as e^x does beyond them. The clamping and the NaN case
  // work on the bits, with masks rather than floating-point compares or branches: compilers
  // do not vectorise those (the compares may trap) and the loops calling this would stay
  // scalar.
  constexpr uint32_t kMaxArgBits = 0x42b20000u;  //   89.0
  constexpr uint32_t kMinArgBits = 0xc2d00000u;  // -104.0
  const uint32_t bits = std::bit_cast<uint32_t>(x);
  const uint32_t nan_mask =
      0u - static_cast<uint32_t>(static_cast<int32_t>(bits & 0x7fffffffu) > 0x7f800000);
  // As signed integers, positive floats order as their values; as unsigned, negative floats
  // order as their magnitudes.
  const uint32_t over_mask =
      0u - static_cast<uint32_t>(static_cast<int32_t>(bits) > static_cast<int32_t>(kMaxArgBits));
  const uint32_t under_mask = 0u - static_cast<uint32_t>(bits > kMinArgBits);
  uint32_t clamped = (bits & ~over_mask) | (kMaxArgBits & over_mask);
  clamped = (clamped & ~under_mask) | (kMinArgBits & under_mask);
  const float xc = std::bit_cast<float>(clamped & ~nan_mask);  // NaN -> 0
  const float n = (xc * kLog2e + kRound) - kRound;  // round(x / ln 2), in [-150, 128]
  const float r = (xc - n * kLn2Hi) - n * kLn2Lo;   // |r| <= ln(2) / 2
  // exp(r) = 1 + r + r^2 * P(r): Cephes' minimax polynomial.
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float er = (p * r) * r + r + 1.0f;
  // Scale by 2^n in two steps, each a normal power of two, so that overflow gives inf and
  // subnormal results round once, in the last multiplication.
  const int32_t ni = static_cast<int32_t>(n);
  const int32_t n1 = ni >> 1;
  const int32_t n2 = ni - n1;
  const float s1 = std::bit_cast<float>(static_cast<uint32_t>(n1 + 127) << 23);
  const float s2 = std::bit_cast<float>(static_cast<uint32_t>(n2 + 127) << 23);
  const uint32_t result = std::bit_cast<uint32_t>(er * s1 * s2);
  return std::bit_cast<float>((result & ~nan_mask) | ((bits | 0x00400000u) & nan_mask));
}

/// e^x in the precision of V (float: exp_float; double: std::exp).
EMBER_HOST_DEVICE EMBER_ALWAYS_INLINE float exp_value(float x) { return exp_float(x); }
EMBER_HOST_DEVICE inline double exp_value(double x) { return std::exp(x); }

}  // namespace ember::kernels
