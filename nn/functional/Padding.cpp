// F::pad: ember::pad with the mode named by the options' enum.

#include "ember/nn/functional/Padding.h"

#include <string_view>

#include "ember/core/Functions.h"

namespace ember::nn::functional {

Tensor pad(const Tensor& input, const PadFuncOptions& options) {
  const std::string_view mode = std::visit(
      [](const auto& m) -> std::string_view {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, enumtype::kConstant>) return "constant";
        if constexpr (std::is_same_v<M, enumtype::kReflect>) return "reflect";
        if constexpr (std::is_same_v<M, enumtype::kReplicate>) return "replicate";
        return "circular";
      },
      options.mode());
  if (mode == "constant") return ember::pad(input, options.pad(), mode, options.value());
  return ember::pad(input, options.pad(), mode);
}

}  // namespace ember::nn::functional
