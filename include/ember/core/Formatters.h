#pragma once

// fmt support: fmt::format("{}", t) prints a tensor as std::cout << t does; devices, dtypes
// and scalars format as their operator<< (shapes format as "[2, 3]" through fmt/ranges).

#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Export.h"
#include "ember/core/Printing.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember::detail {
EMBER_API std::string to_string(const Scalar& s);
}  // namespace ember::detail

template <>
struct fmt::formatter<ember::Dtype> : fmt::formatter<std::string_view> {
  auto format(ember::Dtype d, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(ember::dtype_name(d), ctx);
  }
};

template <>
struct fmt::formatter<ember::Device> : fmt::formatter<std::string_view> {
  auto format(const ember::Device& d, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(d.str(), ctx);
  }
};

template <>
struct fmt::formatter<ember::Scalar> : fmt::formatter<std::string_view> {
  auto format(const ember::Scalar& s, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(ember::detail::to_string(s), ctx);
  }
};

template <>
struct fmt::formatter<ember::Tensor> : fmt::formatter<std::string_view> {
  auto format(const ember::Tensor& t, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(ember::to_string(t), ctx);
  }
};
