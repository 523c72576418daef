#pragma once

// 16-bit floating-point storage types. Arithmetic on them happens in float (they convert
// implicitly), as in PyTorch: kernels load a Half, compute in float, and store a Half.

#include <cstdint>
#include <cstring>
#include <limits>

#include "ember/core/Macros.h"

#if defined(__CUDACC__)
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#endif

namespace ember {
namespace detail {

template <class To, class From>
EMBER_HOST_DEVICE inline To bit_cast(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof(To));
  return to;
}

// In device code the conversions are the hardware's (cvt.rn): the same rounding to nearest
// even, overflow to infinity and subnormals as the software paths below, in one instruction.
// Only NaN payloads may differ (the hardware gives the canonical NaN); NaN stays NaN.

/// IEEE binary32 -> binary16, round to nearest even; NaN stays NaN, overflow gives infinity.
EMBER_HOST_DEVICE inline uint16_t float_to_half_bits(float value) {
#if defined(__CUDA_ARCH__)
  return __half_as_ushort(__float2half_rn(value));
#else
  const uint32_t bits = bit_cast<uint32_t>(value);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude >= 0x7f800000u) {  // infinity or NaN
    return sign | (magnitude > 0x7f800000u ? 0x7e00u : 0x7c00u);
  }
  if (magnitude >= 0x477ff000u) {  // >= 65520 rounds past the largest half (65504)
    return sign | 0x7c00u;
  }
  if (magnitude < 0x38800000u) {
    // Below the smallest normal half (2^-14): adding 0.5f lines the value up with float's
    // 2^-24 spacing in [0.5, 1), so the hardware's round-to-nearest-even does the rounding.
    const float shifted = bit_cast<float>(magnitude) + 0.5f;
    return sign | static_cast<uint16_t>(bit_cast<uint32_t>(shifted) - 0x3f000000u);
  }
  const uint32_t odd = (magnitude >> 13) & 1u;
  magnitude += 0xfffu + odd;        // round to nearest even at bit 13
  magnitude -= (127u - 15u) << 23;  // rebias the exponent
  return sign | static_cast<uint16_t>(magnitude >> 13);
#endif
}

/// IEEE binary16 -> binary32 (exact).
EMBER_HOST_DEVICE inline float half_bits_to_float(uint16_t h) {
#if defined(__CUDA_ARCH__)
  return __half2float(__ushort_as_half(h));
#else
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exponent = (h >> 10) & 0x1fu;
  const uint32_t mantissa = h & 0x3ffu;
  if (exponent == 0x1f) {
    return bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
  }
  if (exponent == 0) {  // zero or subnormal: mantissa * 2^-24, exact in float
    const float v = static_cast<float>(mantissa) * 5.9604644775390625e-8f;
    return sign ? -v : v;
  }
  return bit_cast<float>(sign | ((exponent + 127u - 15u) << 23) | (mantissa << 13));
#endif
}

/// IEEE binary32 -> bfloat16, round to nearest even; NaN stays a quiet NaN.
EMBER_HOST_DEVICE inline uint16_t float_to_bfloat16_bits(float value) {
#if defined(__CUDA_ARCH__)
  return __bfloat16_as_ushort(__float2bfloat16_rn(value));
#else
  const uint32_t bits = bit_cast<uint32_t>(value);
  if ((bits & 0x7fffffffu) > 0x7f800000u) {
    return static_cast<uint16_t>((bits >> 16) | 0x0040u);
  }
  const uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>((bits + rounding) >> 16);
#endif
}

EMBER_HOST_DEVICE inline float bfloat16_bits_to_float(uint16_t b) {
  return bit_cast<float>(static_cast<uint32_t>(b) << 16);
}

}  // namespace detail

/// IEEE half precision (float16) storage type.
struct alignas(2) Half {
  uint16_t x;

  struct from_bits_t {};
  Half() = default;
  EMBER_HOST_DEVICE constexpr Half(uint16_t bits, from_bits_t) : x(bits) {}
  EMBER_HOST_DEVICE Half(float value) : x(detail::float_to_half_bits(value)) {}       // NOLINT
  EMBER_HOST_DEVICE operator float() const { return detail::half_bits_to_float(x); }  // NOLINT
};

/// bfloat16 storage type (float32's exponent, 8 bits of mantissa).
struct alignas(2) BFloat16 {
  uint16_t x;

  struct from_bits_t {};
  BFloat16() = default;
  EMBER_HOST_DEVICE constexpr BFloat16(uint16_t bits, from_bits_t) : x(bits) {}
  EMBER_HOST_DEVICE BFloat16(float value) : x(detail::float_to_bfloat16_bits(value)) {}   // NOLINT
  EMBER_HOST_DEVICE operator float() const { return detail::bfloat16_bits_to_float(x); }  // NOLINT
};

}  // namespace ember

namespace std {

template <>
class numeric_limits<ember::Half> {
  using H = ember::Half;
  static constexpr H make(uint16_t bits) { return H(bits, H::from_bits_t{}); }

 public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool is_integer = false;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static constexpr int digits = 11;
  static constexpr H lowest() { return make(0xfbff); }
  static constexpr H min() { return make(0x0400); }
  static constexpr H max() { return make(0x7bff); }
  static constexpr H epsilon() { return make(0x1400); }
  static constexpr H infinity() { return make(0x7c00); }
  static constexpr H quiet_NaN() { return make(0x7e00); }
};

template <>
class numeric_limits<ember::BFloat16> {
  using B = ember::BFloat16;
  static constexpr B make(uint16_t bits) { return B(bits, B::from_bits_t{}); }

 public:
  static constexpr bool is_specialized = true;
  static constexpr bool is_signed = true;
  static constexpr bool is_integer = false;
  static constexpr bool has_infinity = true;
  static constexpr bool has_quiet_NaN = true;
  static constexpr int digits = 8;
  static constexpr B lowest() { return make(0xff7f); }
  static constexpr B min() { return make(0x0080); }
  static constexpr B max() { return make(0x7f7f); }
  static constexpr B epsilon() { return make(0x3c00); }
  static constexpr B infinity() { return make(0x7f80); }
  static constexpr B quiet_NaN() { return make(0x7fc0); }
};

}  // namespace std
