#pragma once

#include <cstdint>
#include <iosfwd>
#include <type_traits>

#include "ember/core/Dtype.h"
#include "ember/core/Export.h"

namespace ember {

/// A number that is not a tensor: a double, an int64 or a bool (libtorch's c10::Scalar).
/// It takes part in type promotion as a Python number does: it never widens a tensor's dtype
/// within the same category (int8 tensor + 1000 stays int8; int tensor + 1.5 becomes float).
class EMBER_API Scalar {
 public:
  enum class Kind : uint8_t { Double, Long, Bool };

  Scalar() : Scalar(int64_t(0)) {}
  /* implicit */ Scalar(bool v) : kind_(Kind::Bool) { i_ = v; }  // NOLINT
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  /* implicit */ Scalar(T v) : kind_(Kind::Long) {  // NOLINT
    i_ = static_cast<int64_t>(v);
  }
  template <class T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  /* implicit */ Scalar(T v) : kind_(Kind::Double) {  // NOLINT
    d_ = static_cast<double>(v);
  }
  /* implicit */ Scalar(Half v) : Scalar(static_cast<float>(v)) {}      // NOLINT
  /* implicit */ Scalar(BFloat16 v) : Scalar(static_cast<float>(v)) {}  // NOLINT

  Kind kind() const { return kind_; }
  bool isFloatingPoint() const { return kind_ == Kind::Double; }
  bool isIntegral(bool include_bool) const {
    return kind_ == Kind::Long || (include_bool && kind_ == Kind::Bool);
  }
  bool isBoolean() const { return kind_ == Kind::Bool; }

  double toDouble() const { return kind_ == Kind::Double ? d_ : static_cast<double>(i_); }
  float toFloat() const { return to<float>(); }
  int64_t toLong() const;
  int32_t toInt() const { return to<int32_t>(); }
  bool toBool() const { return kind_ == Kind::Double ? d_ != 0.0 : i_ != 0; }
  /// The value converted to T. As c10's checked_convert, a value T cannot hold throws "value
  /// cannot be converted to type int8_t without overflow" (1e300 to float too; infinities
  /// and NaN convert to floating types, negative integers wrap into unsigned ones when their
  /// magnitude fits, and anything converts to bool).
  template <class T>
  T to() const;

  /// The dtype this number has on its own: float32 (default dtype), int64 or bool.
  Dtype type() const;
  /// Negation (used by sub(a, b, alpha) == add(a, b, -alpha)).
  Scalar operator-() const;
  bool equal(double v) const { return toDouble() == v; }

 private:
  Kind kind_;
  union {
    double d_;
    int64_t i_;
  };
};

EMBER_API std::ostream& operator<<(std::ostream& os, const Scalar& s);

namespace detail {
/// Throws "[op: ]value cannot be converted to type <T> without overflow (got <s>)" when `s`
/// does not fit `dtype` (the rules above; defined in core/ScalarRange.cpp).
EMBER_INTERNAL_API void check_scalar_fits(const Scalar& s, Dtype dtype, const char* op = nullptr);
}  // namespace detail

template <class T>
T Scalar::to() const {
  if constexpr (std::is_same_v<T, bool>) {
    return toBool();
  } else if constexpr (std::is_same_v<T, long long> && !std::is_same_v<long long, int64_t>) {
    return toLong();  // the same range as int64_t, and toLong() checks it
  } else {
    detail::check_scalar_fits(*this, dtype_of<T>());
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(toLong());
    } else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, float>) {
      return static_cast<T>(toDouble());
    } else {
      return static_cast<T>(static_cast<float>(toDouble()));
    }
  }
}

}  // namespace ember
