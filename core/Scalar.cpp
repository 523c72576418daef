#include "ember/core/Scalar.h"

#include <cmath>
#include <ostream>
#include <sstream>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"  // declares detail::to_string(Scalar), exported

namespace ember {

int64_t Scalar::toLong() const {
  if (kind_ != Kind::Double) return i_;
  // Converting a double outside int64's range is undefined behaviour in C++; refuse it.
  EMBER_CHECK(std::isfinite(d_) && d_ >= -9223372036854775808.0 && d_ < 9223372036854775808.0,
              "value cannot be converted to type int64_t without overflow (got {})", d_);
  return static_cast<int64_t>(d_);
}

Dtype Scalar::type() const {
  switch (kind_) {
    case Kind::Double:
      return default_dtype();
    case Kind::Long:
      return kLong;
    default:
      return kBool;
  }
}

Scalar Scalar::operator-() const {
  switch (kind_) {
    case Kind::Double:
      return Scalar(-d_);
    case Kind::Long:
      return Scalar(static_cast<int64_t>(0ULL - static_cast<uint64_t>(i_)));
    default:
      return Scalar(-static_cast<int64_t>(i_));
  }
}

std::ostream& operator<<(std::ostream& os, const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Double:
      return os << s.toDouble();
    case Scalar::Kind::Long:
      return os << s.toLong();
    default:
      return os << (s.toBool() ? "true" : "false");
  }
}

namespace detail {
std::string to_string(const Scalar& s) {
  std::ostringstream os;
  os << s;
  return os.str();
}
}  // namespace detail

}  // namespace ember
