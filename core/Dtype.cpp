#include "ember/core/Dtype.h"

#include <ostream>

namespace ember {

std::string_view dtype_name(Dtype d) {
  switch (d) {
    case kByte:
      return "Byte";
    case kChar:
      return "Char";
    case kShort:
      return "Short";
    case kInt:
      return "Int";
    case kLong:
      return "Long";
    case kHalf:
      return "Half";
    case kFloat:
      return "Float";
    case kDouble:
      return "Double";
    case kBool:
      return "Bool";
    case kBFloat16:
      return "BFloat16";
    default:
      return "Undefined";
  }
}

std::string_view dtype_python_name(Dtype d) {
  switch (d) {
    case kByte:
      return "uint8";
    case kChar:
      return "int8";
    case kShort:
      return "int16";
    case kInt:
      return "int32";
    case kLong:
      return "int64";
    case kHalf:
      return "float16";
    case kFloat:
      return "float32";
    case kDouble:
      return "float64";
    case kBool:
      return "bool";
    case kBFloat16:
      return "bfloat16";
    default:
      return "undefined";
  }
}

std::ostream& operator<<(std::ostream& os, Dtype d) { return os << dtype_name(d); }

Dtype promote_types(Dtype a, Dtype b) {
  // PyTorch's lattice: bool < integers < floats; mixing signed and unsigned 8-bit gives
  // int16; half with bfloat16 gives float32.
  constexpr Dtype u1 = kByte, i1 = kChar, i2 = kShort, i4 = kInt, i8 = kLong, f2 = kHalf,
                  f4 = kFloat, f8 = kDouble, b1 = kBool, bf = kBFloat16;
  static constexpr Dtype table[kNumDtypes][kNumDtypes] = {
      /*        u1  i1  i2  i4  i8  f2  f4  f8  b1  bf */
      /* u1 */ {u1, i2, i2, i4, i8, f2, f4, f8, u1, bf},
      /* i1 */ {i2, i1, i2, i4, i8, f2, f4, f8, i1, bf},
      /* i2 */ {i2, i2, i2, i4, i8, f2, f4, f8, i2, bf},
      /* i4 */ {i4, i4, i4, i4, i8, f2, f4, f8, i4, bf},
      /* i8 */ {i8, i8, i8, i8, i8, f2, f4, f8, i8, bf},
      /* f2 */ {f2, f2, f2, f2, f2, f2, f4, f8, f2, f4},
      /* f4 */ {f4, f4, f4, f4, f4, f4, f4, f8, f4, f4},
      /* f8 */ {f8, f8, f8, f8, f8, f8, f8, f8, f8, f8},
      /* b1 */ {u1, i1, i2, i4, i8, f2, f4, f8, b1, bf},
      /* bf */ {bf, bf, bf, bf, bf, f4, f4, f8, bf, bf},
  };
  if (a == ScalarType::Undefined) return b;
  if (b == ScalarType::Undefined) return a;
  return table[static_cast<int>(a)][static_cast<int>(b)];
}

Dtype default_dtype() { return kFloat; }

}  // namespace ember
