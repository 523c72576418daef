// F::interpolate as a composite of public ops, one spatial dim at a time: nearest modes pick a
// source slice per output position (index_select), linear modes blend the two neighbouring
// source slices with PyTorch's weights (linear, bilinear and trilinear interpolation are
// separable, so this equals PyTorch's kernels up to rounding). The gradient is index_select's
// (an index-add) times the weights; second order comes from autograd too. The source indices
// and weights are computed on the CPU in PyTorch's precision (float for float32 inputs).

#include "ember/nn/functional/Upsampling.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::nn::functional {
namespace {

enum class Kind { Nearest, NearestExact, Linear };

std::string mode_name(const InterpolateFuncOptions::mode_t& mode) {
  return std::visit(
      [](const auto& m) -> std::string {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, enumtype::kNearest>) return "nearest";
        if constexpr (std::is_same_v<M, enumtype::kLinear>) return "linear";
        if constexpr (std::is_same_v<M, enumtype::kBilinear>) return "bilinear";
        if constexpr (std::is_same_v<M, enumtype::kBicubic>) return "bicubic";
        if constexpr (std::is_same_v<M, enumtype::kTrilinear>) return "trilinear";
        if constexpr (std::is_same_v<M, enumtype::kArea>) return "area";
        return "nearest-exact";
      },
      mode);
}

/// One value per spatial dim: `values` as given, or its single value repeated.
template <typename T>
std::vector<T> per_spatial_dim(const std::vector<T>& values, int64_t spatial_dims) {
  if (values.size() == 1) return std::vector<T>(static_cast<size_t>(spatial_dims), values[0]);
  return values;
}

/// PyTorch's compute_scales_value: 1 / scale_factor when one is used, else in / out.
template <typename T>
T scale_value(std::optional<double> scale, int64_t in, int64_t out) {
  return scale && *scale > 0 ? static_cast<T>(1.0 / *scale)
                             : static_cast<T>(in) / static_cast<T>(out);
}

/// The source index of each output position along one dim (legacy nearest or nearest-exact).
std::vector<int64_t> nearest_indices(int64_t in, int64_t out, std::optional<double> scale,
                                     bool exact) {
  std::vector<int64_t> index(static_cast<size_t>(out));
  const auto s = scale_value<float>(scale, in, out);
  for (int64_t o = 0; o < out; ++o) {
    int64_t source = 0;
    if (!exact && out == in) {
      source = o;
    } else if (!exact && out == 2 * in) {
      source = o >> 1;
    } else {
      const float position = exact ? (static_cast<float>(o) + 0.5f) * s : static_cast<float>(o) * s;
      source = std::min(static_cast<int64_t>(std::floor(position)), in - 1);
    }
    index[static_cast<size_t>(o)] = source;
  }
  return index;
}

/// The two source indices and their weights of each output position along one dim, computed
/// in T as PyTorch's compute_source_index_and_lambda.
struct LinearTaps {
  std::vector<int64_t> index0, index1;
  std::vector<double> lambda0, lambda1;
};

template <typename T>
LinearTaps linear_taps(int64_t in, int64_t out, bool align_corners, std::optional<double> scale) {
  LinearTaps taps;
  const T ratio = align_corners
                      ? (out > 1 ? static_cast<T>(in - 1) / static_cast<T>(out - 1) : T(0))
                      : scale_value<T>(scale, in, out);
  for (int64_t o = 0; o < out; ++o) {
    const T real = align_corners ? ratio * static_cast<T>(o)
                                 : std::max(ratio * (static_cast<T>(o) + T(0.5)) - T(0.5), T(0));
    const int64_t i0 = std::min(static_cast<int64_t>(real), in - 1);
    const T l1 = std::min(std::max(real - static_cast<T>(i0), T(0)), T(1));
    taps.index0.push_back(i0);
    taps.index1.push_back(i0 + (i0 < in - 1 ? 1 : 0));
    taps.lambda0.push_back(static_cast<double>(T(1) - l1));
    taps.lambda1.push_back(static_cast<double>(l1));
  }
  return taps;
}

/// `values` (one per position along dim `dim` of a `dims`-d tensor) shaped to broadcast.
Tensor along_dim(const std::vector<double>& values, int64_t dim, int64_t dims, const Tensor& like) {
  std::vector<int64_t> shape(static_cast<size_t>(dims), 1);
  shape[static_cast<size_t>(dim)] = static_cast<int64_t>(values.size());
  return ember::tensor(values, kDouble).to(like.dtype()).to(like.device()).view(shape);
}

Tensor index_tensor(const std::vector<int64_t>& index, const Tensor& like) {
  return ember::tensor(index, kLong).to(like.device());
}

std::string sizes_text(const std::vector<int64_t>& sizes) {
  static const char* const kNames[] = {"D", "H", "W"};
  std::string text;
  const size_t first = 3 - sizes.size();
  for (size_t i = 0; i < sizes.size(); ++i) {
    text += fmt::format("{}{}: {}", i > 0 ? ", " : "", kNames[first + i], sizes[i]);
  }
  return text;
}

}  // namespace

Tensor interpolate(const Tensor& input, const InterpolateFuncOptions& options) {
  const std::string mode = mode_name(options.mode());
  const bool nearest_like = mode == "nearest" || mode == "area" || mode == "nearest-exact";
  EMBER_CHECK(!nearest_like || !options.align_corners().has_value(),
              "align_corners option can only be set with the interpolating modes: linear | "
              "bilinear | bicubic | trilinear");
  EMBER_CHECK(input.dim() >= 3 && input.dim() <= 5,
              "Input Error: Only 3D, 4D and 5D input Tensors supported (got {}D) for the modes: "
              "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact "
              "(got {})",
              input.dim(), mode);
  const int64_t spatial_dims = input.dim() - 2;
  std::vector<int64_t> in_sizes;
  for (int64_t d = 2; d < input.dim(); ++d) in_sizes.push_back(input.size(d));
  const auto& size = options.size();
  const auto& scale_factor = options.scale_factor();
  EMBER_CHECK(!(size && scale_factor), "only one of size or scale_factor should be defined");
  EMBER_CHECK(size || scale_factor, "either size or scale_factor should be defined");
  std::vector<int64_t> out_sizes;
  std::vector<std::optional<double>> scales(static_cast<size_t>(spatial_dims));
  if (size) {
    out_sizes = per_spatial_dim(*size, spatial_dims);
    EMBER_CHECK(static_cast<int64_t>(out_sizes.size()) == spatial_dims,
                "Input and output must have the same number of spatial dimensions, but got input "
                "with spatial dimensions of {} and output size of {}. Please provide input tensor "
                "in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.",
                in_sizes, *size);
    EMBER_CHECK(!options.recompute_scale_factor().value_or(false),
                "recompute_scale_factor is not meaningful with an explicit size.");
  } else {
    const std::vector<double> factors = per_spatial_dim(*scale_factor, spatial_dims);
    EMBER_CHECK(static_cast<int64_t>(factors.size()) == spatial_dims,
                "Input and scale_factor must have the same number of spatial dimensions, but got "
                "input with spatial dimensions of {} and scale_factor of shape {}. Please provide "
                "input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, "
                "...,sK) format.",
                in_sizes, *scale_factor);
    const bool recompute = options.recompute_scale_factor().value_or(false);
    for (size_t i = 0; i < factors.size(); ++i) {
      const double scaled = std::floor(static_cast<double>(in_sizes[i]) * factors[i]);
      // A NaN, infinite or enormous scale has no size to convert to.
      EMBER_CHECK(scaled >= -1e18 && scaled <= 1e18,
                  "interpolate: scale_factor {} gives no valid output size for input size {}",
                  factors[i], in_sizes[i]);
      out_sizes.push_back(static_cast<int64_t>(scaled));
      if (!recompute) scales[i] = factors[i];
    }
  }
  EMBER_CHECK(!options.antialias() || (mode == "bilinear" && input.dim() == 4) ||
                  (mode == "bicubic" && input.dim() == 4),
              "Anti-alias option is restricted to bilinear and bicubic modes and requires a 4-D "
              "tensor as input");
  EMBER_CHECK(!options.antialias(), "interpolate: antialias is not implemented");
  if (mode == "linear" || mode == "bilinear" || mode == "trilinear") {
    const int64_t needed = mode == "linear" ? 3 : mode == "bilinear" ? 4 : 5;
    EMBER_CHECK(input.dim() == needed, "Got {}D input, but {} mode needs {}D input", input.dim(),
                mode, needed);
  }
  EMBER_CHECK(mode != "bicubic" && mode != "area", "interpolate: mode '{}' is not implemented",
              mode);
  bool positive = true;
  for (size_t i = 0; i < in_sizes.size(); ++i)
    positive = positive && in_sizes[i] > 0 && out_sizes[i] > 0;
  EMBER_CHECK(positive,
              "Input and output sizes should be greater than 0, but got input ({}) output ({})",
              sizes_text(in_sizes), sizes_text(out_sizes));
  const bool linear = mode == "linear" || mode == "bilinear" || mode == "trilinear";
  // PyTorch's kernels take floating inputs, and uint8 for the nearest modes.
  EMBER_CHECK(is_floating_type(input.dtype()) || (!linear && input.dtype() == kByte),
              "\"compute_indices_weights_{}\" not implemented for '{}'",
              linear ? "linear" : "nearest", input.dtype());

  const bool align_corners = options.align_corners().value_or(false);
  Tensor out = input;
  // The last dim first, as PyTorch's kernels nest their loops.
  for (int64_t i = spatial_dims - 1; i >= 0; --i) {
    const auto at = static_cast<size_t>(i);
    const int64_t dim = i + 2;
    const int64_t in = in_sizes[at];
    const int64_t size_out = out_sizes[at];
    if (in == size_out && mode != "nearest-exact") continue;  // PyTorch copies these
    if (!linear) {
      const std::vector<int64_t> index =
          nearest_indices(in, size_out, scales[at], mode == "nearest-exact");
      out = out.index_select(dim, index_tensor(index, out));
      continue;
    }
    const LinearTaps taps = input.dtype() == kDouble
                                ? linear_taps<double>(in, size_out, align_corners, scales[at])
                                : linear_taps<float>(in, size_out, align_corners, scales[at]);
    out = out.index_select(dim, index_tensor(taps.index0, out)) *
              along_dim(taps.lambda0, dim, out.dim(), out) +
          out.index_select(dim, index_tensor(taps.index1, out)) *
              along_dim(taps.lambda1, dim, out.dim(), out);
  }
  return out;
}

}  // namespace ember::nn::functional
