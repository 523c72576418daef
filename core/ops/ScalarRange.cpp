#include "core/ops/ScalarRange.h"

#include <cmath>
#include <limits>
#include <string_view>

#include "core/DtypeDispatch.h"
#include "core/Promotion.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::detail {

namespace {

// The C++ type in the overflow message, spelled as c10 does (int8_t, int, ...) except that
// Ember's half types are named as Ember's.
std::string_view cpp_type_name(Dtype d) {
  switch (d) {
    case kByte:
      return "uint8_t";
    case kChar:
      return "int8_t";
    case kShort:
      return "int16_t";
    case kInt:
      return "int";
    case kLong:
      return "int64_t";
    case kHalf:
      return "ember::Half";
    case kFloat:
      return "float";
    case kDouble:
      return "double";
    case kBool:
      return "bool";
    case kBFloat16:
      return "ember::BFloat16";
    default:
      return "?";
  }
}

template <class T>
bool overflows(const Scalar& s) {
  using Limits = std::numeric_limits<T>;
  if (s.isBoolean()) return false;
  if constexpr (std::is_same_v<T, bool>) {
    return false;  // any number converts to bool (non-zero is true)
  } else if constexpr (std::is_integral_v<T>) {
    if (s.isFloatingPoint()) {
      const double v = s.toDouble();
      // int64's max() rounds up to 2^63 in double, which no longer fits.
      const double hi = static_cast<double>(Limits::max());
      const bool fits =
          v >= static_cast<double>(Limits::lowest()) && (sizeof(T) == 8 ? v < hi : v <= hi);
      return !fits;  // NaN and inf do not fit
    }
    const int64_t v = s.toLong();
    if constexpr (std::is_unsigned_v<T>) {
      // Negative values wrap as two's complement as long as their magnitude fits.
      if (v < 0) return v < -static_cast<int64_t>(Limits::max());
      return static_cast<uint64_t>(v) > Limits::max();
    } else {
      return v < static_cast<int64_t>(Limits::lowest()) || v > static_cast<int64_t>(Limits::max());
    }
  } else if constexpr (std::is_same_v<T, double>) {
    return false;
  } else {
    const double v = s.toDouble();
    if (std::isinf(v) || std::isnan(v)) return false;
    const double hi = static_cast<double>(static_cast<float>(Limits::max()));
    return v < -hi || v > hi;
  }
}

}  // namespace

void check_scalar_fits(const Scalar& s, Dtype dtype, const char* op) {
  const bool bad = dispatch_dtype<types::kAll>(dtype, "check_scalar_fits", kCPU,
                                               [&]<class T>() { return overflows<T>(s); });
  EMBER_CHECK(!bad, "{}{}value cannot be converted to type {} without overflow (got {})",
              op ? op : "", op ? ": " : "", cpp_type_name(dtype), s);
}

Tensor checked_scalar_to_tensor(const Scalar& value, Dtype dtype, const char* op) {
  check_scalar_fits(value, dtype, op);
  return scalar_to_tensor(value, dtype);
}

Scalar dtype_lowest(Dtype dtype) {
  if (dtype == kBool) return Scalar(false);
  if (is_floating_type(dtype)) return Scalar(-std::numeric_limits<double>::infinity());
  return dispatch_dtype<types::kIntegral>(dtype, "dtype_lowest", kCPU, [&]<class T>() {
    return Scalar(static_cast<int64_t>(std::numeric_limits<T>::lowest()));
  });
}

Scalar dtype_highest(Dtype dtype) {
  if (dtype == kBool) return Scalar(true);
  if (is_floating_type(dtype)) return Scalar(std::numeric_limits<double>::infinity());
  return dispatch_dtype<types::kIntegral>(dtype, "dtype_highest", kCPU, [&]<class T>() {
    return Scalar(static_cast<int64_t>(std::numeric_limits<T>::max()));
  });
}

}  // namespace ember::detail
