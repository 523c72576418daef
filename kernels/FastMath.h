#pragma once

// Branch-free float32 exp and tanh. The C library's expf/tanhf are scalar calls the compiler
// cannot vectorise (without -ffast-math, which would break NaN semantics elsewhere); these
// are plain arithmetic and selects, so CPU loops vectorise them and CUDA compiles them as is.
// Accuracy is within 2 ulp over the whole float range; NaN and infinities behave as the
// standard functions. double (and any other type) uses the standard functions.

#include <cmath>
#include <cstdint>

#include "ember/core/Half.h"
#include "ember/core/Macros.h"

namespace ember::kernels {

/// exp(x): Cephes' range reduction x = n ln2 + r, |r| <= ln2 / 2, and its degree-6
/// polynomial for exp(r); 2^n is applied in two halves so subnormal results come out right.
EMBER_HOST_DEVICE inline float fast_exp(float x) {
  // Clamp so that n stays in [-150, 128]; the clamp points already overflow to inf and
  // underflow to 0. NaN passes through and propagates through the arithmetic (its n is
  // meaningless but harmless: integer steps below cannot overflow). No value-dependent
  // branch, so loops vectorise.
  float xc = x > 88.8f ? 88.8f : x;
  xc = xc < -104.0f ? -104.0f : xc;
  // Round x / ln2 to the nearest integer by adding 1.5 * 2^23: the sum's low mantissa bits
  // then hold n.
  constexpr float kShifter = 12582912.0f;
  const float shifted = xc * 1.44269504088896341f + kShifter;
  const float fn = shifted - kShifter;
  const int32_t n =
      ::ember::detail::bit_cast<int32_t>(shifted) - ::ember::detail::bit_cast<int32_t>(kShifter);
  float r = xc - fn * 0.693359375f;
  r = r - fn * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  const int32_t n1 = n / 2;  // n in [-150, 128]: both halves are normal exponents
  const int32_t n2 = n - n1;
  const float s1 = ::ember::detail::bit_cast<float>(static_cast<uint32_t>(n1 + 127) << 23);
  const float s2 = ::ember::detail::bit_cast<float>(static_cast<uint32_t>(n2 + 127) << 23);
  return y * s1 * s2;
}

/// |x| with the sign bit of `sign` (exact; keeps tanh(-0) = -0 and odd symmetry).
EMBER_HOST_DEVICE inline float with_sign_of(float magnitude, float sign) {
  return ::ember::detail::bit_cast<float>(
      ::ember::detail::bit_cast<uint32_t>(magnitude) |
      (::ember::detail::bit_cast<uint32_t>(sign) & 0x80000000u));
}

/// tanh(x): an odd polynomial (Cephes) below |x| = 0.625, where 1 - 2 / (exp(2|x|) + 1)
/// would cancel; that formula above it, with exp(2|x|) evaluated for 1.25 <= 2|x| <= 40 only
/// (tanh rounds to 1 from |x| = 9.1 on), which needs no overflow or subnormal handling. Both
/// branches are computed and one selected, so loops vectorise.
EMBER_HOST_DEVICE inline float fast_tanh(float x) {
  const float ax = std::fabs(x);
  const float z = x * x;
  float p = -5.70498872745e-3f;
  p = p * z + 2.06390887954e-2f;
  p = p * z - 5.37397155531e-2f;
  p = p * z + 1.33314422036e-1f;
  p = p * z - 3.33332819422e-1f;
  const float small = with_sign_of(p * z * ax + ax, x);
  // NaN fails `ax > 20` and propagates through the arithmetic below.
  const float t = 2.0f * (ax > 20.0f ? 20.0f : ax);
  constexpr float kShifter = 12582912.0f;  // 1.5 * 2^23: rounds t / ln2 to an integer n
  const float shifted = t * 1.44269504088896341f + kShifter;
  const float fn = shifted - kShifter;
  const int32_t n =
      ::ember::detail::bit_cast<int32_t>(shifted) - ::ember::detail::bit_cast<int32_t>(kShifter);
  float r = t - fn * 0.693359375f;
  r = r - fn * -2.12194440e-4f;
  float q = 1.9875691500e-4f;
  q = q * r + 1.3981999507e-3f;
  q = q * r + 8.3334519073e-3f;
  q = q * r + 4.1665795894e-2f;
  q = q * r + 1.6666665459e-1f;
  q = q * r + 5.0000001201e-1f;
  const float e = (q * r * r + r + 1.0f) *
                  ::ember::detail::bit_cast<float>(static_cast<uint32_t>(n + 127) << 23);
  const float big = with_sign_of(1.0f - 2.0f / (e + 1.0f), x);
  return ax < 0.625f ? small : big;
}

template <class T>
EMBER_HOST_DEVICE inline T fast_exp(T x) {
  return std::exp(x);
}

template <class T>
EMBER_HOST_DEVICE inline T fast_tanh(T x) {
  return std::tanh(x);
}

}  // namespace ember::kernels
