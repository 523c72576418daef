#pragma once

#include <cstdint>
#include <iosfwd>
#include <string_view>

#include "ember/core/Export.h"
#include "ember/core/Half.h"

namespace ember {

/// Element types, as libtorch's c10::ScalarType (same spelling of the k-constants).
enum class ScalarType : int8_t {
  Byte,    // uint8
  Char,    // int8
  Short,   // int16
  Int,     // int32
  Long,    // int64
  Half,    // float16
  Float,   // float32
  Double,  // float64
  Bool,
  BFloat16,
  Undefined,
};
using Dtype = ScalarType;

inline constexpr int kNumDtypes = static_cast<int>(ScalarType::Undefined);

inline constexpr Dtype kByte = ScalarType::Byte;
inline constexpr Dtype kUInt8 = ScalarType::Byte;
inline constexpr Dtype kChar = ScalarType::Char;
inline constexpr Dtype kInt8 = ScalarType::Char;
inline constexpr Dtype kShort = ScalarType::Short;
inline constexpr Dtype kInt16 = ScalarType::Short;
inline constexpr Dtype kInt = ScalarType::Int;
inline constexpr Dtype kInt32 = ScalarType::Int;
inline constexpr Dtype kLong = ScalarType::Long;
inline constexpr Dtype kInt64 = ScalarType::Long;
inline constexpr Dtype kHalf = ScalarType::Half;
inline constexpr Dtype kFloat16 = ScalarType::Half;
inline constexpr Dtype kFloat = ScalarType::Float;
inline constexpr Dtype kFloat32 = ScalarType::Float;
inline constexpr Dtype kDouble = ScalarType::Double;
inline constexpr Dtype kFloat64 = ScalarType::Double;
inline constexpr Dtype kBool = ScalarType::Bool;
inline constexpr Dtype kBFloat16 = ScalarType::BFloat16;

/// Bytes per element.
constexpr int64_t element_size(Dtype d) {
  constexpr int8_t sizes[] = {1, 1, 2, 4, 8, 2, 4, 8, 1, 2, 0};
  return sizes[static_cast<int>(d)];
}
/// libtorch spelling of element_size.
constexpr int64_t elementSize(Dtype d) { return element_size(d); }

/// float16, bfloat16, float32, float64.
constexpr bool is_floating_type(Dtype d) {
  return d == kHalf || d == kFloat || d == kDouble || d == kBFloat16;
}
/// Integer types, optionally counting bool as one.
constexpr bool is_integral_type(Dtype d, bool include_bool) {
  return d == kByte || d == kChar || d == kShort || d == kInt || d == kLong ||
         (include_bool && d == kBool);
}
/// libtorch spellings.
constexpr bool isFloatingType(Dtype d) { return is_floating_type(d); }
constexpr bool isIntegralType(Dtype d, bool include_bool) {
  return is_integral_type(d, include_bool);
}
constexpr bool is_signed_type(Dtype d) { return d != kByte && d != kBool; }

/// libtorch's name: "Float", "Long", ...
EMBER_API std::string_view dtype_name(Dtype d);
/// Python's name without the module: "float32", "int64", ...
EMBER_API std::string_view dtype_python_name(Dtype d);
/// libtorch's c10::toString.
inline std::string_view toString(Dtype d) { return dtype_name(d); }
EMBER_API std::ostream& operator<<(std::ostream& os, Dtype d);

/// PyTorch's promotion lattice for two dtypes (torch.promote_types).
EMBER_API Dtype promote_types(Dtype a, Dtype b);
inline Dtype promoteTypes(Dtype a, Dtype b) { return promote_types(a, b); }

/// The dtype used for floating results when none is given (float32, as PyTorch's default).
EMBER_API Dtype default_dtype();

// ---- Mapping between C++ types and dtypes ------------------------------------------------
template <class T>
struct DtypeOf;
#define EMBER_DTYPE_OF(T, D)          \
  template <>                         \
  struct DtypeOf<T> {                 \
    static constexpr Dtype value = D; \
  };
EMBER_DTYPE_OF(uint8_t, kByte)
EMBER_DTYPE_OF(int8_t, kChar)
EMBER_DTYPE_OF(int16_t, kShort)
EMBER_DTYPE_OF(int32_t, kInt)
EMBER_DTYPE_OF(int64_t, kLong)
EMBER_DTYPE_OF(Half, kHalf)
EMBER_DTYPE_OF(float, kFloat)
EMBER_DTYPE_OF(double, kDouble)
EMBER_DTYPE_OF(bool, kBool)
EMBER_DTYPE_OF(BFloat16, kBFloat16)
#undef EMBER_DTYPE_OF

/// The dtype of C++ type T (e.g. dtype_of<float>() == kFloat).
template <class T>
constexpr Dtype dtype_of() {
  return DtypeOf<T>::value;
}

template <Dtype D>
struct CppTypeOf;
template <>
struct CppTypeOf<kByte> {
  using type = uint8_t;
};
template <>
struct CppTypeOf<kChar> {
  using type = int8_t;
};
template <>
struct CppTypeOf<kShort> {
  using type = int16_t;
};
template <>
struct CppTypeOf<kInt> {
  using type = int32_t;
};
template <>
struct CppTypeOf<kLong> {
  using type = int64_t;
};
template <>
struct CppTypeOf<kHalf> {
  using type = Half;
};
template <>
struct CppTypeOf<kFloat> {
  using type = float;
};
template <>
struct CppTypeOf<kDouble> {
  using type = double;
};
template <>
struct CppTypeOf<kBool> {
  using type = bool;
};
template <>
struct CppTypeOf<kBFloat16> {
  using type = BFloat16;
};

}  // namespace ember
