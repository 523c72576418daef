#pragma once

// Options of F::pad, as libtorch's torch/nn/options/padding.h.

#include <cstdint>
#include <utility>
#include <variant>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/core/Enum.h"

namespace ember::nn::functional {

/// F::pad(x, F::PadFuncOptions({1, 2}).mode(ember::kReflect)): `pad` lists (left, right)
/// pairs from the last dim backwards; `value` fills in constant mode.
struct PadFuncOptions {
  using mode_t = std::variant<enumtype::kConstant, enumtype::kReflect, enumtype::kReplicate,
                              enumtype::kCircular>;
  /* implicit */ PadFuncOptions(std::vector<int64_t> pad) : pad_(std::move(pad)) {}  // NOLINT
  EMBER_ARG(std::vector<int64_t>, pad);
  EMBER_ARG(mode_t, mode) = ember::kConstant;
  EMBER_ARG(double, value) = 0;
};

}  // namespace ember::nn::functional
