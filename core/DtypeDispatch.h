#pragma once

// dispatch_dtype<Types>(dtype, op, device, [&]<class T>() { ... }) runs the lambda with T the
// C++ type of `dtype`. Only the dtypes in `Types` are instantiated; any other dtype throws
// "<op>: not implemented for <dtype> on <device>".

#include <cstdint>

#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Export.h"

namespace ember::detail {

constexpr uint32_t dtype_bit(Dtype d) { return 1u << static_cast<int>(d); }

namespace types {
inline constexpr uint32_t kIntegral =
    dtype_bit(kByte) | dtype_bit(kChar) | dtype_bit(kShort) | dtype_bit(kInt) | dtype_bit(kLong);
inline constexpr uint32_t kReducedFloating = dtype_bit(kHalf) | dtype_bit(kBFloat16);
inline constexpr uint32_t kFloating = dtype_bit(kFloat) | dtype_bit(kDouble) | kReducedFloating;
inline constexpr uint32_t kBool = dtype_bit(ember::kBool);
/// Integers and floats, no bool.
inline constexpr uint32_t kNumeric = kIntegral | kFloating;
inline constexpr uint32_t kAll = kNumeric | kBool;
/// Signed numbers: no bool, no uint8 (for neg, sign, ...).
inline constexpr uint32_t kSigned = kNumeric & ~dtype_bit(kByte);
}  // namespace types

[[noreturn]] EMBER_INTERNAL_API void throw_dtype_not_implemented(const char* op, Dtype dtype,
                                                                 DeviceType device);

template <uint32_t Types, class F>
EMBER_ALWAYS_INLINE decltype(auto) dispatch_dtype(Dtype dtype, const char* op, DeviceType device,
                                                  F&& f) {
#define EMBER_DTYPE_CASE(D, T)                   \
  case D:                                        \
    if constexpr ((Types & dtype_bit(D)) != 0) { \
      return f.template operator()<T>();         \
    }                                            \
    break;
  switch (dtype) {
    EMBER_DTYPE_CASE(kByte, uint8_t)
    EMBER_DTYPE_CASE(kChar, int8_t)
    EMBER_DTYPE_CASE(kShort, int16_t)
    EMBER_DTYPE_CASE(kInt, int32_t)
    EMBER_DTYPE_CASE(kLong, int64_t)
    EMBER_DTYPE_CASE(kHalf, Half)
    EMBER_DTYPE_CASE(kFloat, float)
    EMBER_DTYPE_CASE(kDouble, double)
    EMBER_DTYPE_CASE(kBool, bool)
    EMBER_DTYPE_CASE(kBFloat16, BFloat16)
    default:
      break;
  }
#undef EMBER_DTYPE_CASE
  throw_dtype_not_implemented(op, dtype, device);
}

[[noreturn]] EMBER_INTERNAL_API void throw_unsupported_element_size(int64_t size);

/// Runs f.template operator()<U>() with U an unsigned integer as wide as one element: for ops
/// that move elements without looking at their values (gather, index, index_select).
template <class F>
void dispatch_element_size(int64_t size, F&& f) {
  switch (size) {
    case 1:
      return f.template operator()<uint8_t>();
    case 2:
      return f.template operator()<uint16_t>();
    case 4:
      return f.template operator()<uint32_t>();
    case 8:
      return f.template operator()<uint64_t>();
    default:
      throw_unsupported_element_size(size);
  }
}

}  // namespace ember::detail
