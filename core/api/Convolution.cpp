// Public convolution front ends: convolution records ConvolutionBackward0 around the
// im2col + gemm body (core/ops/Convolution.cpp); conv1d/conv2d/conv_transpose2d check their
// input's rank, handle unbatched inputs and "same"/"valid" padding, and call it (1-d as 2-d
// with a height of one). im2col and col2im record each other as backward.

#include <functional>
#include <string>
#include <utility>

#include "core/AutogradHooks.h"
#include "core/ops/ConvolutionOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::ConvParams;
using detail::GradOp;
using detail::OpAttrs;
using detail::Pair;
using detail::WindowGeometry;

namespace detail {

Tensor im2col_window(const Tensor& image, const WindowGeometry& g) {
  if (!should_record(image)) return native::im2col(image, g);
  Tensor out = below_autograd([&] { return native::im2col(image, g); });
  OpAttrs attrs;
  window_to_ints(g, attrs.ints);
  record(GradOp::im2col, {image}, out, std::move(attrs));
  return out;
}

Tensor col2im_window(const Tensor& cols, const WindowGeometry& g) {
  if (!should_record(cols)) return native::col2im(cols, g);
  Tensor out = below_autograd([&] { return native::col2im(cols, g); });
  OpAttrs attrs;
  window_to_ints(g, attrs.ints);
  record(GradOp::col2im, {cols}, out, std::move(attrs));
  return out;
}

}  // namespace detail

namespace {

// The spatial arguments of a 1-d convolution: a one-element list (or a single value).
int64_t single_value(IntArrayRef values, const char* name) {
  EMBER_CHECK(values.size() == 1,
              "expected {} to be a single integer value or a list of 1 values to match the "
              "convolution dimensions, but got {}={}",
              name, name, values);
  return values[0];
}

// conv on a 4-d input through the recorded convolution (3-d: unbatched).
Tensor conv_batched_or_not(const Tensor& input, const char* op, int64_t spatial,
                           const std::function<Tensor(const Tensor&)>& conv) {
  EMBER_CHECK(input.defined(), "{}: input must be defined", op);
  const int64_t batched = spatial + 2;
  EMBER_CHECK(input.dim() == batched - 1 || input.dim() == batched,
              "Expected {}D (unbatched) or {}D (batched) input to {}, but got input of size: {}",
              batched - 1, batched, op, input.sizes());
  if (input.dim() == batched) return conv(input);
  return conv(input.unsqueeze(0)).squeeze(0);
}

// padding="same": d * (k - 1) zeros in all per spatial dim, the odd one on the far side.
// Padded symmetrically by the larger half, the output then starts one position early
// where the halves differ: that first position is dropped.
Tensor conv_same_or_valid(const Tensor& input, const Tensor& weight, const Tensor& bias,
                          Pair stride, std::string_view padding, Pair dilation, int64_t groups,
                          int64_t spatial) {
  EMBER_CHECK(padding == "same" || padding == "valid", "Invalid padding string: '{}'", padding);
  if (padding == "valid") {
    return convolution(input, weight, bias, stride, {0, 0}, dilation, false, {0, 0}, groups);
  }
  EMBER_CHECK(stride == Pair({1, 1}), "padding='same' is not supported for strided convolutions");
  EMBER_CHECK(weight.defined() && weight.dim() == input.dim(),
              "Expected {}-dimensional weight for {}-dimensional input {}, but got weight of size "
              "{} instead",
              input.dim(), input.dim(), input.sizes(),
              weight.defined() ? weight.sizes() : IntArrayRef{});
  Pair pad{0, 0};
  bool asymmetric[2] = {false, false};
  for (int d = 0; d < 2; ++d) {
    const int64_t total = dilation[d] * (weight.size(2 + d) - 1);
    pad[d] = total - total / 2;
    asymmetric[d] = total % 2 != 0;
  }
  (void)spatial;
  Tensor out = convolution(input, weight, bias, stride, pad, dilation, false, {0, 0}, groups);
  for (int d = 0; d < 2; ++d) {
    if (asymmetric[d]) out = out.narrow(2 + d, 1, input.size(2 + d));
  }
  return out;
}

}  // namespace

Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                   IntArrayRef output_padding, int64_t groups) {
  EMBER_CHECK(input.defined() && weight.defined(), "convolution: input and weight must be defined");
  if (input.dim() == 3 && weight.dim() == 3) {
    // 1-d: a height of one.
    auto one_d = [](IntArrayRef v, int64_t fill, const char* name) -> DimVector {
      return {fill, single_value(v, name)};
    };
    return convolution(input.unsqueeze(2), weight.unsqueeze(2), bias, one_d(stride, 1, "stride"),
                       one_d(padding, 0, "padding"), one_d(dilation, 1, "dilation"), transposed,
                       one_d(output_padding, 0, "output_padding"), groups)
        .squeeze(2);
  }
  EMBER_CHECK(input.dim() == 4,
              "convolution: expected a 3-D or 4-D (batched) input, but got input of size: {}",
              input.sizes());
  ConvParams p;
  p.stride = detail::expand_pair(stride, "stride");
  p.padding = detail::expand_pair(padding, "padding");
  p.dilation = detail::expand_pair(dilation, "dilation");
  p.output_padding = detail::expand_pair(output_padding, "output_padding");
  p.groups = groups;
  p.transposed = transposed;
  if (!detail::should_record(input, weight, bias)) {
    return native::convolution(input, weight, bias, p);
  }
  Tensor out = detail::below_autograd([&] { return native::convolution(input, weight, bias, p); });
  OpAttrs attrs;
  detail::conv_params_to_attrs(p, attrs);
  attrs.flag1 = bias.defined();
  if (bias.defined()) {
    detail::record(GradOp::convolution, {input, weight, bias}, out, std::move(attrs));
  } else {
    detail::record(GradOp::convolution, {input, weight}, out, std::move(attrs));
  }
  return out;
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return conv_batched_or_not(input, "conv2d", 2, [&](const Tensor& x) {
    return convolution(x, weight, bias, stride, padding, dilation, false, {0}, groups);
  });
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              std::string_view padding, IntArrayRef dilation, int64_t groups) {
  return conv_batched_or_not(input, "conv2d", 2, [&](const Tensor& x) {
    return conv_same_or_valid(x, weight, bias, detail::expand_pair(stride, "stride"), padding,
                              detail::expand_pair(dilation, "dilation"), groups, 2);
  });
}

Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              IntArrayRef padding, IntArrayRef dilation, int64_t groups) {
  return conv_batched_or_not(input, "conv1d", 1, [&](const Tensor& x) {
    return convolution(x, weight, bias, stride, padding, dilation, false, {0}, groups);
  });
}

Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias, IntArrayRef stride,
              std::string_view padding, IntArrayRef dilation, int64_t groups) {
  return conv_batched_or_not(input, "conv1d", 1, [&](const Tensor& x) {
    EMBER_CHECK(weight.defined() && weight.dim() == 3,
                "Expected 3-dimensional weight for 3-dimensional input {}, but got weight of size "
                "{} instead",
                x.sizes(), weight.defined() ? weight.sizes() : IntArrayRef{});
    const Pair s{1, single_value(stride, "stride")};
    const Pair d{1, single_value(dilation, "dilation")};
    return conv_same_or_valid(x.unsqueeze(2), weight.unsqueeze(2), bias, s, padding, d, groups, 1)
        .squeeze(2);
  });
}

Tensor conv_transpose2d(const Tensor& input, const Tensor& weight, const Tensor& bias,
                        IntArrayRef stride, IntArrayRef padding, IntArrayRef output_padding,
                        int64_t groups, IntArrayRef dilation) {
  return conv_batched_or_not(input, "conv_transpose2d", 2, [&](const Tensor& x) {
    return convolution(x, weight, bias, stride, padding, dilation, true, output_padding, groups);
  });
}

Tensor im2col(const Tensor& input, IntArrayRef kernel_size, IntArrayRef dilation,
              IntArrayRef padding, IntArrayRef stride) {
  EMBER_CHECK(input.defined() && (input.dim() == 3 || input.dim() == 4),
              "Expected 3D or 4D (batch mode) tensor for input with possibly 0 batch size and "
              "non-zero dimensions for input, but got: {}",
              input.defined() ? input.sizes() : IntArrayRef{});
  const Pair k = detail::expand_pair(kernel_size, "kernel_size");
  const Pair d = detail::expand_pair(dilation, "dilation");
  const Pair p = detail::expand_pair(padding, "padding");
  const Pair s = detail::expand_pair(stride, "stride");
  EMBER_CHECK(k[0] > 0 && k[1] > 0,
              "kernel size should be greater than zero, but got kernel_height: {} kernel_width: {}",
              k[0], k[1]);
  EMBER_CHECK(d[0] > 0 && d[1] > 0,
              "dilation should be greater than zero, but got dilation_height: {} dilation_width: "
              "{}",
              d[0], d[1]);
  EMBER_CHECK(p[0] >= 0 && p[1] >= 0,
              "padding should be non-negative, but got pad_height: {} pad_width: {}", p[0], p[1]);
  EMBER_CHECK(s[0] > 0 && s[1] > 0,
              "stride should be greater than zero, but got stride_height: {} stride_width: {}",
              s[0], s[1]);
  const Tensor x = input.dim() == 4 ? input : input.unsqueeze(0);
  const int64_t h = x.size(2), w = x.size(3);
  const int64_t oh = (h + 2 * p[0] - (d[0] * (k[0] - 1) + 1)) / s[0] + 1;
  const int64_t ow = (w + 2 * p[1] - (d[1] * (k[1] - 1) + 1)) / s[1] + 1;
  EMBER_CHECK(oh >= 1 && ow >= 1 && h + 2 * p[0] >= d[0] * (k[0] - 1) + 1 &&
                  w + 2 * p[1] >= d[1] * (k[1] - 1) + 1,
              "Given input with spatial size ({}, {}), kernel_size=({}, {}), dilation=({}, {}), "
              "padding=({}, {}), calculated shape of the array of sliding blocks as ({}, {}), but "
              "its components must be at least one.",
              h, w, k[0], k[1], d[0], d[1], p[0], p[1], oh, ow);
  Tensor cols = detail::im2col_window(x, detail::make_window(x.size(1), h, w, oh, ow, k, p, s, d));
  return input.dim() == 4 ? cols : cols.squeeze(0);
}

Tensor col2im(const Tensor& input, IntArrayRef output_size, IntArrayRef kernel_size,
              IntArrayRef dilation, IntArrayRef padding, IntArrayRef stride) {
  EMBER_CHECK(input.defined() && (input.dim() == 2 || input.dim() == 3),
              "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and "
              "non-zero dimensions for input, but got: {}",
              input.defined() ? input.sizes() : IntArrayRef{});
  const Pair out = detail::expand_pair(output_size, "output_size");
  const Pair k = detail::expand_pair(kernel_size, "kernel_size");
  const Pair d = detail::expand_pair(dilation, "dilation");
  const Pair p = detail::expand_pair(padding, "padding");
  const Pair s = detail::expand_pair(stride, "stride");
  EMBER_CHECK(k[0] > 0 && k[1] > 0 && d[0] > 0 && d[1] > 0 && s[0] > 0 && s[1] > 0 && p[0] >= 0 &&
                  p[1] >= 0 && out[0] >= 0 && out[1] >= 0,
              "col2im: kernel_size, dilation and stride must be positive and padding and "
              "output_size non-negative, but got kernel_size=({}, {}), dilation=({}, {}), "
              "padding=({}, {}), stride=({}, {}), output_size=({}, {})",
              k[0], k[1], d[0], d[1], p[0], p[1], s[0], s[1], out[0], out[1]);
  const Tensor x = input.dim() == 3 ? input : input.unsqueeze(0);
  EMBER_CHECK(x.size(1) % (k[0] * k[1]) == 0,
              "Expected size of input's dimension 1 to be divisible by the product of "
              "kernel_size, but got input.size(1)={} and kernel_size=({}, {})",
              x.size(1), k[0], k[1]);
  const int64_t oh = (out[0] + 2 * p[0] - (d[0] * (k[0] - 1) + 1)) / s[0] + 1;
  const int64_t ow = (out[1] + 2 * p[1] - (d[1] * (k[1] - 1) + 1)) / s[1] + 1;
  EMBER_CHECK(oh >= 1 && ow >= 1 && x.size(2) == oh * ow,
              "Given output_size=({}, {}), kernel_size=({}, {}), dilation=({}, {}), padding=({}, "
              "{}), stride=({}, {}), expected size of input's dimension 2 to match the calculated "
              "number of sliding blocks {} * {} = {}, but got input.size(2)={}.",
              out[0], out[1], k[0], k[1], d[0], d[1], p[0], p[1], s[0], s[1], oh, ow, oh * ow,
              x.size(2));
  Tensor image = detail::col2im_window(
      x, detail::make_window(x.size(1) / (k[0] * k[1]), out[0], out[1], oh, ow, k, p, s, d));
  return input.dim() == 3 ? image : image.squeeze(0);
}

}  // namespace ember
