#pragma once

// Enumerated option values as libtorch spells them: `ember::kMean`, `ember::kReLU`,
// `ember::kFanIn`, ... Each is a distinct empty type in ember::enumtype, and an option that
// accepts several holds a std::variant of them (e.g. a loss's `reduction`), so that
// `MSELossOptions().reduction(ember::kSum)` reads as in libtorch and a wrong value does not
// compile.

#include <string>
#include <variant>

#define EMBER_ENUM_DECLARE(name)                                        \
  namespace ember {                                                     \
  namespace enumtype {                                                  \
  struct k##name {                                                      \
    constexpr k##name() = default;                                      \
    static constexpr const char* enum_name() { return "k" #name; }      \
    friend constexpr bool operator==(k##name, k##name) { return true; } \
  };                                                                    \
  }                                                                     \
  inline constexpr enumtype::k##name k##name{};                         \
  }

EMBER_ENUM_DECLARE(Linear)
EMBER_ENUM_DECLARE(Conv1D)
EMBER_ENUM_DECLARE(Conv2D)
EMBER_ENUM_DECLARE(Conv3D)
EMBER_ENUM_DECLARE(ConvTranspose1D)
EMBER_ENUM_DECLARE(ConvTranspose2D)
EMBER_ENUM_DECLARE(ConvTranspose3D)
EMBER_ENUM_DECLARE(Sigmoid)
EMBER_ENUM_DECLARE(Tanh)
EMBER_ENUM_DECLARE(ReLU)
EMBER_ENUM_DECLARE(GELU)
EMBER_ENUM_DECLARE(SiLU)
EMBER_ENUM_DECLARE(Mish)
EMBER_ENUM_DECLARE(LeakyReLU)
EMBER_ENUM_DECLARE(SELU)
EMBER_ENUM_DECLARE(FanIn)
EMBER_ENUM_DECLARE(FanOut)
EMBER_ENUM_DECLARE(Constant)
EMBER_ENUM_DECLARE(Reflect)
EMBER_ENUM_DECLARE(Replicate)
EMBER_ENUM_DECLARE(Circular)
EMBER_ENUM_DECLARE(Nearest)
EMBER_ENUM_DECLARE(Bilinear)
EMBER_ENUM_DECLARE(Sum)
EMBER_ENUM_DECLARE(Mean)
EMBER_ENUM_DECLARE(Max)
EMBER_ENUM_DECLARE(None)
EMBER_ENUM_DECLARE(BatchMean)
EMBER_ENUM_DECLARE(Zeros)
EMBER_ENUM_DECLARE(Valid)
EMBER_ENUM_DECLARE(Same)
EMBER_ENUM_DECLARE(Min)
EMBER_ENUM_DECLARE(Rel)
EMBER_ENUM_DECLARE(Abs)
// Interpolation modes beyond kNearest, kLinear and kBilinear.
EMBER_ENUM_DECLARE(Bicubic)
EMBER_ENUM_DECLARE(Trilinear)
EMBER_ENUM_DECLARE(Area)
EMBER_ENUM_DECLARE(NearestExact)

namespace ember::enumtype {

/// The libtorch spelling of the value a variant holds, e.g. "kMean" (for error messages).
template <typename... Ts>
std::string get_enum_name(const std::variant<Ts...>& v) {
  return std::visit([](const auto& e) { return std::string(e.enum_name()); }, v);
}

}  // namespace ember::enumtype

namespace ember {

/// The `reduction` option of losses: kNone, kMean or kSum.
using LossReduction = std::variant<enumtype::kNone, enumtype::kMean, enumtype::kSum>;

}  // namespace ember
