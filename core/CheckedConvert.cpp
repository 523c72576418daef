#include "core/CheckedConvert.h"

#include <cfloat>
#include <cmath>

#include "core/Promotion.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::detail {
namespace {

struct Limits {
  double lowest;
  double max;
  const char* name;  // PyTorch's spelling of the C++ type in its message
};

Limits limits_of(Dtype dtype) {
  switch (dtype) {
    case kByte:
      return {0.0, 255.0, "uint8_t"};
    case kChar:
      return {-128.0, 127.0, "int8_t"};
    case kShort:
      return {-32768.0, 32767.0, "int16_t"};
    case kInt:
      return {-2147483648.0, 2147483647.0, "int"};
    case kLong:
      return {-9223372036854775808.0, 9223372036854775808.0, "int64_t"};
    case kHalf:
      return {-65504.0, 65504.0, "Half"};
    case kBFloat16:
      return {-3.38953138925153547590470800371487866880e+38,
              3.38953138925153547590470800371487866880e+38, "BFloat16"};
    case kFloat:
      return {-static_cast<double>(FLT_MAX), static_cast<double>(FLT_MAX), "float"};
    default:
      return {-DBL_MAX, DBL_MAX, "double"};
  }
}

}  // namespace

void check_scalar_fits(const Scalar& value, Dtype dtype, const char* op) {
  if (dtype == kBool || value.isBoolean()) return;
  const Limits lim = limits_of(dtype);
  bool overflow;
  if (value.isFloatingPoint()) {
    const double f = value.toDouble();
    if (is_floating_type(dtype)) {
      overflow = std::isfinite(f) && (f < lim.lowest || f > lim.max);
    } else {
      // int64's max is not a double; 2^63 itself is already out of range.
      overflow = std::isnan(f) || f < lim.lowest || f > lim.max ||
                 (dtype == kLong && f >= 9223372036854775808.0);
    }
  } else {
    const int64_t i = value.toLong();
    if (dtype == kByte) {
      overflow = i > 255 || i < -255;  // negatives wrap around, as PyTorch allows
    } else if (is_integral_type(dtype, false)) {
      overflow = static_cast<double>(i) < lim.lowest || static_cast<double>(i) > lim.max;
      if (dtype == kLong) overflow = false;
    } else {
      overflow = static_cast<double>(i) < lim.lowest || static_cast<double>(i) > lim.max;
    }
  }
  EMBER_CHECK(!overflow, "{}: value {} cannot be converted to type {} without overflow", op, value,
              lim.name);
}

Tensor checked_scalar_to_tensor(const Scalar& value, Dtype dtype, const char* op) {
  check_scalar_fits(value, dtype, op);
  return scalar_to_tensor(value, dtype);
}

}  // namespace ember::detail
