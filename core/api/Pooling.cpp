// Pooling. max_pool2d_with_indices runs the backend's kernel and records
// MaxPool2DWithIndicesBackward0 (the gradient scattered back through the indices);
// avg_pool2d and adaptive_avg_pool2d run theirs and record AvgPool2DBackward0 /
// AdaptiveAvgPool2DBackward0, whose backward functions record their own nodes (each
// differentiates into the forward pooling of the grad-grad, as in ATen). The 1-d forms are
// the 2-d ones over a height of one.

#include <algorithm>
#include <utility>
#include <vector>

#include "core/AutogradHooks.h"
#include "core/ops/ConvolutionOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/functions/NormalizationPoolingBackward.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;
using detail::Pair;
using detail::WindowGeometry;

namespace {

Pair pool_pair(IntArrayRef v, const char* op, const char* what, bool may_be_empty, Pair if_empty) {
  if (may_be_empty && v.empty()) return if_empty;
  EMBER_CHECK(v.size() == 1 || v.size() == 2, "{}: {} must {}", op, what,
              may_be_empty ? "either be omitted, a single int, or a tuple of two ints"
                           : "either be a single int, or a tuple of two ints");
  return v.size() == 1 ? Pair{v[0], v[0]} : Pair{v[0], v[1]};
}

// ATen's pooling_output_shape: floor (or ceil) division, the last window starting inside
// the input or its left padding.
int64_t pooled_size(int64_t in, int64_t kernel, int64_t pad, int64_t stride, int64_t dilation,
                    bool ceil_mode) {
  const int64_t span = in + 2 * pad - dilation * (kernel - 1) - 1 + (ceil_mode ? stride - 1 : 0);
  int64_t out = (span >= 0 ? span / stride : -((-span + stride - 1) / stride)) + 1;
  if (ceil_mode && (out - 1) * stride >= in + pad) --out;
  return out;
}

struct Pooling {
  Tensor input;  // 4-d
  bool batched;
  WindowGeometry g;
};

// The checks of ATen's pool2d_shape_check and the window of a 2-d pooling.
Pooling pooling_window(const Tensor& input, const char* op, IntArrayRef kernel_size,
                       IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                       bool ceil_mode) {
  const Pair k = pool_pair(kernel_size, op, "kernel_size", false, {});
  const Pair s = pool_pair(stride, op, "stride", true, k);
  const Pair p = pool_pair(padding, op, "padding", false, {});
  const Pair d = pool_pair(dilation, op, "dilation", false, {});
  EMBER_CHECK(input.defined() && (input.dim() == 3 || input.dim() == 4) && input.size(-1) != 0 &&
                  input.size(-2) != 0 && input.size(-3) != 0,
              "non-empty 3D or 4D (batch mode) tensor expected for input");
  EMBER_CHECK(k[0] > 0 && k[1] > 0,
              "kernel size should be greater than zero, but got kH: {} kW: {}", k[0], k[1]);
  EMBER_CHECK(s[0] != 0 && s[1] != 0, "stride should not be zero");
  EMBER_CHECK(s[0] > 0 && s[1] > 0, "stride should be greater than zero, but got dH: {} dW: {}",
              s[0], s[1]);
  EMBER_CHECK(d[0] > 0 && d[1] > 0,
              "dilation should be greater than zero, but got dilationH: {} dilationW: {}", d[0],
              d[1]);
  for (int i = 0; i < 2; ++i) {
    EMBER_CHECK(p[i] >= 0, "pad must be non-negative, but got pad: {}", p[i]);
    EMBER_CHECK(p[i] <= ((k[i] - 1) * d[i] + 1) / 2,
                "pad should be at most half of effective kernel size, but got pad={}, "
                "kernel_size={} and dilation={}",
                p[i], k[i], d[i]);
  }
  const Tensor x = input.dim() == 4 ? input : input.unsqueeze(0);
  const int64_t c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t oh = pooled_size(h, k[0], p[0], s[0], d[0], ceil_mode);
  const int64_t ow = pooled_size(w, k[1], p[1], s[1], d[1], ceil_mode);
  EMBER_CHECK(oh >= 1 && ow >= 1,
              "Given input size: ({}x{}x{}). Calculated output size: ({}x{}x{}). Output size is "
              "too small",
              c, h, w, c, oh, ow);
  return {x, input.dim() == 4, detail::make_window(c, h, w, oh, ow, k, p, s, d)};
}

Tensor unbatch(const Tensor& t, bool batched) { return batched ? t : t.squeeze(0); }

// The 1-d pooling arguments as 2-d ones over a height of one.
DimVector height_one(IntArrayRef v, int64_t fill) {
  if (v.empty()) return {};
  DimVector out{fill};
  for (int64_t x : v) out.push_back(x);
  return out;
}

void check_pool1d_arguments(IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
                            IntArrayRef dilation, const char* op) {
  EMBER_CHECK(kernel_size.size() == 1, "{}: kernel_size must be a single int, but got {}", op,
              kernel_size);
  EMBER_CHECK(stride.size() <= 1, "{}: stride must be a single int or omitted, but got {}", op,
              stride);
  EMBER_CHECK(padding.size() == 1, "{}: padding must be a single int, but got {}", op, padding);
  EMBER_CHECK(dilation.size() == 1, "{}: dilation must be a single int, but got {}", op, dilation);
}

}  // namespace

std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input, IntArrayRef kernel_size,
                                                   IntArrayRef stride, IntArrayRef padding,
                                                   IntArrayRef dilation, bool ceil_mode) {
  const Pooling pool =
      pooling_window(input, "max_pool2d", kernel_size, stride, padding, dilation, ceil_mode);
  EMBER_CHECK(input.dtype() != kBool, "\"max_pool2d\" not implemented for 'Bool'");
  if (!detail::should_record(pool.input)) {
    auto [values, indices] = native::max_pool2d(pool.input, pool.g);
    return {unbatch(values, pool.batched), unbatch(indices, pool.batched)};
  }
  auto [values, indices] =
      detail::below_autograd([&] { return native::max_pool2d(pool.input, pool.g); });
  OpAttrs attrs;
  attrs.tensors = {indices};
  detail::record(GradOp::max_pool2d_with_indices, {pool.input}, values, std::move(attrs));
  return {unbatch(values, pool.batched), unbatch(indices, pool.batched)};
}

Tensor max_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(
      max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode));
}

std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input, IntArrayRef kernel_size,
                                                   IntArrayRef stride, IntArrayRef padding,
                                                   IntArrayRef dilation, bool ceil_mode) {
  EMBER_CHECK(input.defined() && (input.dim() == 2 || input.dim() == 3),
              "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size "
              "for input, but got:{}",
              input.defined() ? input.sizes() : IntArrayRef{});
  check_pool1d_arguments(kernel_size, stride, padding, dilation, "max_pool1d");
  auto [values, indices] = max_pool2d_with_indices(input.unsqueeze(-2), height_one(kernel_size, 1),
                                                   height_one(stride, 1), height_one(padding, 0),
                                                   height_one(dilation, 1), ceil_mode);
  return {values.squeeze(-2), indices.squeeze(-2)};
}

Tensor max_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(
      max_pool1d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode));
}

namespace detail {

namespace {

// What the average pooling nodes keep: the window, count_include_pad, the divisor (0: none).
OpAttrs avg_pool_attrs(const WindowGeometry& g, bool count_include_pad, int64_t divisor_override) {
  OpAttrs attrs;
  window_to_ints(g, attrs.ints);
  attrs.flag0 = count_include_pad;
  attrs.int0 = divisor_override;
  return attrs;
}

}  // namespace

Tensor avg_pool2d_window(const Tensor& input, const WindowGeometry& g, bool count_include_pad,
                         int64_t divisor_override) {
  auto body = [&] { return native::avg_pool2d(input, g, count_include_pad, divisor_override); };
  if (!should_record(input)) return body();
  Tensor out = below_autograd(body);
  record(GradOp::avg_pool2d, {input}, out, avg_pool_attrs(g, count_include_pad, divisor_override));
  return out;
}

Tensor avg_pool2d_backward_window(const Tensor& grad_output, const WindowGeometry& g,
                                  bool count_include_pad, int64_t divisor_override) {
  auto body = [&] {
    return native::avg_pool2d_backward(grad_output, g, count_include_pad, divisor_override);
  };
  if (!should_record(grad_output)) return body();
  Tensor out = below_autograd(body);
  record(GradOp::avg_pool2d_backward, {grad_output}, out,
         avg_pool_attrs(g, count_include_pad, divisor_override));
  return out;
}

Tensor adaptive_pool_4d(const Tensor& input, int64_t out_h, int64_t out_w) {
  auto body = [&] { return native::adaptive_avg_pool2d(input, out_h, out_w); };
  if (!should_record(input)) return body();
  Tensor out = below_autograd(body);
  OpAttrs attrs;
  attrs.ints = {input.size(2), input.size(3)};
  record(GradOp::adaptive_avg_pool2d, {input}, out, std::move(attrs));
  return out;
}

Tensor adaptive_pool_grad_4d(const Tensor& grad_output, int64_t height, int64_t width) {
  auto body = [&] { return native::adaptive_avg_pool2d_backward(grad_output, height, width); };
  if (!should_record(grad_output)) return body();
  Tensor out = below_autograd(body);
  OpAttrs attrs;
  attrs.ints = {grad_output.size(2), grad_output.size(3)};
  record(GradOp::adaptive_pool_grad, {grad_output}, out, std::move(attrs));
  return out;
}

}  // namespace detail

namespace {

// avg_pool2d's checks and window.
Pooling avg_pooling(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                    IntArrayRef padding, bool ceil_mode, std::optional<int64_t> divisor_override) {
  Pooling pool = pooling_window(input, "avg_pool2d", kernel_size, stride, padding, {1}, ceil_mode);
  EMBER_CHECK(!divisor_override.has_value() || *divisor_override != 0, "divisor must be not zero");
  EMBER_CHECK(input.is_floating_point(), "\"avg_pool2d\" not implemented for '{}'", input.dtype());
  return pool;
}

}  // namespace

Tensor avg_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                  std::optional<int64_t> divisor_override) {
  const Pooling pool =
      avg_pooling(input, kernel_size, stride, padding, ceil_mode, divisor_override);
  return unbatch(detail::avg_pool2d_window(pool.input, pool.g, count_include_pad,
                                           divisor_override.value_or(0)),
                 pool.batched);
}

Tensor avg_pool2d_backward(const Tensor& grad_output, const Tensor& input, IntArrayRef kernel_size,
                           IntArrayRef stride, IntArrayRef padding, bool ceil_mode,
                           bool count_include_pad, std::optional<int64_t> divisor_override) {
  const Pooling pool =
      avg_pooling(input, kernel_size, stride, padding, ceil_mode, divisor_override);
  const WindowGeometry& g = pool.g;
  const DimVector expected = pool.batched
                                 ? DimVector{input.size(0), g.channels, g.out_height, g.out_width}
                                 : DimVector{g.channels, g.out_height, g.out_width};
  EMBER_CHECK(grad_output.defined() && grad_output.sizes() == IntArrayRef(expected),
              "avg_pool2d_backward: expected grad_output of size {}, but got {}", expected,
              grad_output.defined() ? grad_output.sizes() : IntArrayRef{});
  EMBER_CHECK(grad_output.dtype() == input.dtype() && grad_output.device() == input.device(),
              "avg_pool2d_backward: expected grad_output of the input's dtype and device ({}, {}), "
              "but got {}, {}",
              input.dtype(), input.device(), grad_output.dtype(), grad_output.device());
  const Tensor grad = pool.batched ? grad_output : grad_output.unsqueeze(0);
  return unbatch(
      detail::avg_pool2d_backward_window(grad, g, count_include_pad, divisor_override.value_or(0)),
      pool.batched);
}

Tensor avg_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad) {
  EMBER_CHECK(input.defined() && (input.dim() == 2 || input.dim() == 3),
              "Expected 2 to 3 dimensions, but got {}-dimensional tensor for argument #1 'self' "
              "(while checking arguments for avg_pool1d)",
              input.defined() ? input.dim() : 0);
  check_pool1d_arguments(kernel_size, stride, padding, {1}, "avg_pool1d");
  return avg_pool2d(input.unsqueeze(-2), height_one(kernel_size, 1), height_one(stride, 1),
                    height_one(padding, 0), ceil_mode, count_include_pad)
      .squeeze(-2);
}

Tensor adaptive_avg_pool2d(const Tensor& input, IntArrayRef output_size) {
  EMBER_CHECK(input.defined() && (input.dim() == 3 || input.dim() == 4),
              "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got {}",
              input.defined() ? input.sizes() : IntArrayRef{});
  EMBER_CHECK(output_size.size() == 2 || output_size.size() == 1,
              "adaptive_avg_pool2d: output_size must be 2");
  const Pair out = output_size.size() == 1 ? Pair{output_size[0], output_size[0]}
                                           : Pair{output_size[0], output_size[1]};
  EMBER_CHECK(out[0] >= 0 && out[1] >= 0,
              "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 "
              "but received {{{}, {}}}",
              out[0], out[1]);
  for (int64_t d = 1; d < input.dim(); ++d) {
    EMBER_CHECK(input.size(d) > 0,
                "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch "
                "dimensions, but input has sizes {} with dimension {} being empty",
                input.sizes(), d);
  }
  EMBER_CHECK(input.is_floating_point(), "\"adaptive_avg_pool2d\" not implemented for '{}'",
              input.dtype());
  // As ATen: a 1x1 output is the mean over the plane (node MeanBackward1).
  if (out[0] == 1 && out[1] == 1) return input.mean({-2, -1}, /*keepdim=*/true);
  const bool batched = input.dim() == 4;
  const Tensor x = batched ? input : input.unsqueeze(0);
  return unbatch(detail::adaptive_pool_4d(x, out[0], out[1]), batched);
}

Tensor _adaptive_avg_pool2d_backward(const Tensor& grad_output, const Tensor& input) {
  EMBER_CHECK(input.defined() && (input.dim() == 3 || input.dim() == 4) && grad_output.defined() &&
                  grad_output.dim() == input.dim(),
              "adaptive_avg_pool2d_backward: expected 3D or 4D input and grad_output of as many "
              "dims, but got {} and {}",
              input.defined() ? input.sizes() : IntArrayRef{},
              grad_output.defined() ? grad_output.sizes() : IntArrayRef{});
  for (int64_t d = 0; d < input.dim() - 2; ++d) {
    EMBER_CHECK(grad_output.size(d) == input.size(d),
                "adaptive_avg_pool2d_backward: grad_output {} does not match input {} at dim {}",
                grad_output.sizes(), input.sizes(), d);
  }
  EMBER_CHECK(grad_output.dtype() == input.dtype() && input.is_floating_point(),
              "adaptive_avg_pool2d_backward: expected floating grad_output and input of one "
              "dtype, but got {} and {}",
              grad_output.dtype(), input.dtype());
  const bool batched = input.dim() == 4;
  const Tensor grad = batched ? grad_output : grad_output.unsqueeze(0);
  return unbatch(detail::adaptive_pool_grad_4d(grad, input.size(-2), input.size(-1)), batched);
}

Tensor adaptive_avg_pool1d(const Tensor& input, IntArrayRef output_size) {
  EMBER_CHECK(input.defined() && (input.dim() == 2 || input.dim() == 3),
              "adaptive_avg_pool1d(): Expected 2D or 3D tensor, but got {}",
              input.defined() ? input.sizes() : IntArrayRef{});
  EMBER_CHECK(output_size.size() == 1, "adaptive_avg_pool1d: output_size must be 1");
  return adaptive_avg_pool2d(input.unsqueeze(-2), {1, output_size[0]}).squeeze(-2);
}

}  // namespace ember
