#pragma once

// Values written as Python's repr writes them, for modules' printing and error messages that
// quote PyTorch's: floats always show a fraction or an exponent ("1.0", "0.5", "1e-05", "inf"),
// booleans are "True" / "False".

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace ember::nn::detail {

/// repr(float(value)) in Python: the shortest round-trip digits, ".0" added to integral values.
inline std::string python_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

/// repr(bool) in Python.
inline const char* python_bool(bool value) { return value ? "True" : "False"; }

}  // namespace ember::nn::detail
