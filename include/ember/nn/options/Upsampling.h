#pragma once

// Options of Upsample and F::interpolate, as libtorch's torch/nn/options/upsampling.h and
// torch/nn/options/vision.h.

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/core/Enum.h"

namespace ember::nn {

/// Upsample(UpsampleOptions().scale_factor({2, 2}).mode(ember::kBilinear)).
struct UpsampleOptions {
  /// The output's spatial size (one value per spatial dim, or one for all).
  EMBER_ARG(std::optional<std::vector<int64_t>>, size) = std::nullopt;
  /// The multiplier of each spatial size (one value per spatial dim, or one for all).
  EMBER_ARG(std::optional<std::vector<double>>, scale_factor) = std::nullopt;
  using mode_t = std::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear,
                              enumtype::kBicubic, enumtype::kTrilinear>;
  /// kNearest, kLinear (3-d input), kBilinear (4-d) or kTrilinear (5-d); kBicubic is not
  /// implemented.
  EMBER_ARG(mode_t, mode) = enumtype::kNearest();
  /// For the linear modes: whether the corner pixels of input and output are aligned.
  EMBER_ARG(std::optional<bool>, align_corners) = std::nullopt;
};

namespace functional {

/// F::interpolate(x, F::InterpolateFuncOptions().size({8, 8}).mode(ember::kBilinear)).
struct InterpolateFuncOptions {
  using mode_t =
      std::variant<enumtype::kNearest, enumtype::kLinear, enumtype::kBilinear, enumtype::kBicubic,
                   enumtype::kTrilinear, enumtype::kArea, enumtype::kNearestExact>;
  /// The output's spatial size (one value per spatial dim, or one for all).
  EMBER_ARG(std::optional<std::vector<int64_t>>, size) = std::nullopt;
  /// The multiplier of each spatial size (one value per spatial dim, or one for all).
  EMBER_ARG(std::optional<std::vector<double>>, scale_factor) = std::nullopt;
  /// kNearest, kLinear (3-d input), kBilinear (4-d) or kTrilinear (5-d); kBicubic, kArea and
  /// kNearestExact are not implemented.
  EMBER_ARG(mode_t, mode) = enumtype::kNearest();
  /// For the linear modes: whether the corner pixels of input and output are aligned.
  EMBER_ARG(std::optional<bool>, align_corners) = std::nullopt;
  /// Whether a scale_factor only computes the output size, the scale then being recomputed
  /// from the sizes (as when a size is given).
  EMBER_ARG(std::optional<bool>, recompute_scale_factor) = std::nullopt;
  /// Anti-aliasing when downsampling (not implemented).
  EMBER_ARG(bool, antialias) = false;
};

}  // namespace functional
}  // namespace ember::nn
