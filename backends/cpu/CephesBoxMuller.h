#pragma once

// The Box-Muller transform of 16 floats exactly as PyTorch's CPU normal kernel computes it on
// AVX2 machines (normal_fill_16_AVX2: Cephes-style single-precision log and sincos evaluated
// by avx_mathfun.h, with the multiply-adds GCC fuses into FMAs in that build). Written as
// scalar code over 8 lanes so the compiler can vectorise it; every rounding step is explicit,
// so the including file must be compiled with -ffp-contract=off.
//
// PyTorch picks this path for contiguous float32 outputs of 16 or more elements on CPUs with
// AVX2 (most x86-64 machines); its non-AVX2 builds round differently in the last bit. Ember
// reproduces the AVX2 values on every machine.

#include <bit>
#include <cmath>
#include <cstdint>

#include "ember/core/Macros.h"

namespace ember::cpu::cephes {

// Cephes coefficients, rounded to float as avx_mathfun.h's tables are.
inline constexpr float kSqrtHalf = static_cast<float>(0.707106781186547524);
inline constexpr float kLogP[9] = {
    static_cast<float>(7.0376836292E-2), static_cast<float>(-1.1514610310E-1),
    static_cast<float>(1.1676998740E-1), static_cast<float>(-1.2420140846E-1),
    static_cast<float>(1.4249322787E-1), static_cast<float>(-1.6668057665E-1),
    static_cast<float>(2.0000714765E-1), static_cast<float>(-2.4999993993E-1),
    static_cast<float>(3.3333331174E-1)};
inline constexpr float kLogQ1 = static_cast<float>(-2.12194440e-4);
inline constexpr float kLogQ2 = 0.693359375f;
inline constexpr float kFourOverPi = static_cast<float>(1.27323954473516);
inline constexpr float kMinusDP1 = -0.78515625f;
inline constexpr float kMinusDP2 = static_cast<float>(-2.4187564849853515625e-4);
inline constexpr float kMinusDP3 = static_cast<float>(-3.77489497744594108e-8);
inline constexpr float kSinP0 = static_cast<float>(-1.9515295891E-4);
inline constexpr float kSinP1 = static_cast<float>(8.3321608736E-3);
inline constexpr float kSinP2 = static_cast<float>(-1.6666654611E-1);
inline constexpr float kCosP0 = static_cast<float>(2.443315711809948E-005);
inline constexpr float kCosP1 = static_cast<float>(-1.388731625493765E-003);
inline constexpr float kCosP2 = static_cast<float>(4.166664568298827E-002);
/// 2 * pi as the AVX2 kernel holds it: the double 2 * pi rounded to float.
inline constexpr float kTwoPi = static_cast<float>(2.0 * 3.14159265358979323846);

/// Natural log for x in [2^-24, 1] (the kernel's 1 - u); no handling of x <= 0 or
/// denormals, which cannot occur there.
EMBER_ALWAYS_INLINE float log(float x) {
  const uint32_t bits = std::bit_cast<uint32_t>(x);
  float e = static_cast<float>(static_cast<int32_t>(bits >> 23) - 127) + 1.0f;
  x = std::bit_cast<float>((bits & ~0x7f800000u) | 0x3f000000u);  // mantissa in [0.5, 1)
  const bool below = x < kSqrtHalf;
  const float tmp = below ? x : 0.0f;
  x = x - 1.0f;
  e = e - (below ? 1.0f : 0.0f);
  x = x + tmp;
  const float z = x * x;
  float y = std::fma(kLogP[0], x, kLogP[1]);  // Horner's rule, written out so the lane loop
  y = std::fma(y, x, kLogP[2]);               // stays free of inner loops and vectorises
  y = std::fma(y, x, kLogP[3]);
  y = std::fma(y, x, kLogP[4]);
  y = std::fma(y, x, kLogP[5]);
  y = std::fma(y, x, kLogP[6]);
  y = std::fma(y, x, kLogP[7]);
  y = std::fma(y, x, kLogP[8]);
  y = y * x;
  y = std::fma(y, z, e * kLogQ1);
  y = std::fma(-z, 0.5f, y);
  x = x + y;
  return std::fma(e, kLogQ2, x);
}

/// sin and cos of x in [0, 2*pi) (the kernel's theta), as sincos256_ps.
EMBER_ALWAYS_INLINE void sincos(float x, float& sin_out, float& cos_out) {
  int32_t j = static_cast<int32_t>(x * kFourOverPi);  // in [0, 8]: no overflow
  j = (j + 1) & ~1;
  const float y = static_cast<float>(j);
  const uint32_t sin_sign = static_cast<uint32_t>(j & 4) << 29;
  const uint32_t cos_sign = static_cast<uint32_t>(~(j - 2) & 4) << 29;
  const bool sin_poly = (j & 2) == 0;
  x = std::fma(y, kMinusDP1, x);
  x = std::fma(y, kMinusDP2, x);
  x = std::fma(y, kMinusDP3, x);
  const float z = x * x;
  float yc = std::fma(kCosP0, z, kCosP1);
  yc = std::fma(yc, z, kCosP2);
  yc = yc * z;
  yc = std::fma(yc, z, -(z * 0.5f));
  yc = yc + 1.0f;
  float ys = std::fma(z, kSinP0, kSinP1);
  ys = std::fma(ys, z, kSinP2);
  ys = ys * z;
  ys = std::fma(ys, x, x);
  // The vector code selects with masks and adds the (zero) other half; keep its signed zeros.
  const float sin_part = sin_poly ? ys : 0.0f;
  const float cos_part = sin_poly ? 0.0f : yc;
  const float s = cos_part + sin_part;
  const float c = (yc - cos_part) + (ys - sin_part);
  sin_out = std::bit_cast<float>(std::bit_cast<uint32_t>(s) ^ sin_sign);
  cos_out = std::bit_cast<float>(std::bit_cast<uint32_t>(c) ^ cos_sign);
}

/// Turns 16 uniforms in [0, 1) into 16 normals with the given mean and std: lanes j and
/// j + 8 form one Box-Muller pair (1 - data[j] feeds the log, data[j + 8] the angle).
EMBER_ALWAYS_INLINE void box_muller_16(float* EMBER_RESTRICT data, float mean, float std) {
  float first[8], second[8];
  for (int j = 0; j < 8; ++j) {
    const float radius = std::sqrt(-2.0f * cephes::log(1.0f - data[j]));
    float s, c;
    cephes::sincos(kTwoPi * data[j + 8], s, c);
    first[j] = std::fma(radius * c, std, mean);
    second[j] = std::fma(radius * s, std, mean);
  }
  for (int j = 0; j < 8; ++j) {
    data[j] = first[j];
    data[j + 8] = second[j];
  }
}

}  // namespace ember::cpu::cephes
