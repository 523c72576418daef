// nn::Upsample: F::interpolate with the module's options; printed as Python's repr.

#include "ember/nn/modules/Upsampling.h"

#include <ostream>
#include <string>
#include <variant>

#include "ember/nn/functional/Upsampling.h"
#include "nn/PythonFormat.h"

namespace ember::nn {
namespace {

/// A value, or a Python tuple of several.
template <typename T, typename Format>
void print_values(std::ostream& stream, const std::vector<T>& values, Format format) {
  if (values.size() == 1) {
    stream << format(values[0]);
    return;
  }
  stream << "(";
  for (size_t i = 0; i < values.size(); ++i) stream << (i > 0 ? ", " : "") << format(values[i]);
  stream << ")";
}

}  // namespace

UpsampleImpl::UpsampleImpl(const UpsampleOptions& options_) : options(options_) {}

void UpsampleImpl::reset() {}

void UpsampleImpl::pretty_print(std::ostream& stream) const {
  stream << "Upsample(";
  if (options.scale_factor()) {
    stream << "scale_factor=";
    print_values(stream, *options.scale_factor(), [](double v) { return detail::python_float(v); });
  } else {
    stream << "size=";
    print_values(stream, options.size().value_or(std::vector<int64_t>{}),
                 [](int64_t v) { return std::to_string(v); });
  }
  const char* mode = std::visit(
      [](const auto& m) -> const char* {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, enumtype::kNearest>) return "nearest";
        if constexpr (std::is_same_v<M, enumtype::kLinear>) return "linear";
        if constexpr (std::is_same_v<M, enumtype::kBilinear>) return "bilinear";
        if constexpr (std::is_same_v<M, enumtype::kBicubic>) return "bicubic";
        return "trilinear";
      },
      options.mode());
  stream << ", mode='" << mode << "')";
}

Tensor UpsampleImpl::forward(const Tensor& input) {
  functional::InterpolateFuncOptions::mode_t mode =
      std::visit([](const auto& m) -> functional::InterpolateFuncOptions::mode_t { return m; },
                 options.mode());
  return functional::interpolate(input, functional::InterpolateFuncOptions()
                                            .size(options.size())
                                            .scale_factor(options.scale_factor())
                                            .mode(mode)
                                            .align_corners(options.align_corners()));
}

}  // namespace ember::nn
