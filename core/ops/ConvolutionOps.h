#pragma once

// Bodies (no autograd) of the 2-d sliding-window ops: im2col, col2im, convolution by im2col
// + the batched gemm kernel, max pooling. The front ends in core/api/Convolution.cpp record
// their nodes; autograd/formulas/ConvolutionFormulas.cpp reads the geometry back from the
// nodes' attributes (window_to_ints / window_from_ints).

#include <array>
#include <cstdint>
#include <tuple>

#include "core/AutogradHooks.h"
#include "core/KernelSignatures.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

using Pair = std::array<int64_t, 2>;

/// A convolution's non-tensor arguments, each spatial one for (height, width).
struct ConvParams {
  Pair stride{1, 1}, padding{0, 0}, dilation{1, 1}, output_padding{0, 0};
  int64_t groups = 1;
  bool transposed = false;
};

/// A one-element list for every spatial dim, or one value per dim; else PyTorch's error
/// "expected stride to be a single integer value or a list of 2 values ...".
EMBER_INTERNAL_API Pair expand_pair(IntArrayRef values, const char* name);

/// The window geometry of kernel_size/stride/padding/dilation over [C, H, W] planes with the
/// given number of window positions.
WindowGeometry make_window(int64_t channels, int64_t height, int64_t width, int64_t out_height,
                           int64_t out_width, Pair kernel, Pair padding, Pair stride,
                           Pair dilation);

/// Stored in a node's OpAttrs::ints and read back by its formula.
void window_to_ints(const WindowGeometry& g, DimVector& ints);
WindowGeometry window_from_ints(IntArrayRef ints);
void conv_params_to_attrs(const ConvParams& p, OpAttrs& attrs);
ConvParams conv_params_from_attrs(const OpAttrs& attrs);

/// im2col / col2im of a batch ([N, C, H, W] <-> [N, C * kH * kW, oH * oW]), recording
/// Im2ColBackward0 / Col2ImBackward0 (each the other's backward).
EMBER_INTERNAL_API Tensor im2col_window(const Tensor& image, const WindowGeometry& g);
EMBER_INTERNAL_API Tensor col2im_window(const Tensor& cols, const WindowGeometry& g);

/// Average pooling of [N, C, H, W] over the window g and its input gradient (from [N, C, oH,
/// oW]), recording AvgPool2DBackward0 / AvgPool2DBackwardBackward0; divisor_override 0: none.
Tensor avg_pool2d_window(const Tensor& input, const WindowGeometry& g, bool count_include_pad,
                         int64_t divisor_override);
Tensor avg_pool2d_backward_window(const Tensor& grad_output, const WindowGeometry& g,
                                  bool count_include_pad, int64_t divisor_override);
/// Adaptive average pooling of [N, C, H, W] to [N, C, out_h, out_w] and its input gradient
/// (to [N, C, height, width]), recording AdaptiveAvgPool2DBackward0 /
/// AdaptiveAvgPool2DBackwardBackward0.
Tensor adaptive_pool_4d(const Tensor& input, int64_t out_h, int64_t out_w);
Tensor adaptive_pool_grad_4d(const Tensor& grad_output, int64_t height, int64_t width);

}  // namespace ember::detail

namespace ember::native {

/// input [N, C, H, W]; checks every argument with PyTorch's messages.
Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                   const detail::ConvParams& p);
/// The weight gradient [C_out, C_in / groups * kH * kW] of a convolution from its output
/// gradient [N, C_out, L] and its input [N, C_in, H, W], whose columns (im2col over `window`,
/// or the input itself where `window` is null: a pointwise kernel) are built a slice of the
/// batch at a time; accumulated sample by sample into one buffer (no [N, C_out, ...]
/// intermediate to sum).
Tensor convolution_weight_grad(const Tensor& grad, const Tensor& input,
                               const detail::WindowGeometry* window, int64_t groups);
/// The weight gradient of a plain convolution by the backend's Winograd kernel where it
/// applies (3x3, stride 1, dilation 1, one group, enough channels, float32/float64); an
/// undefined tensor where it does not. grad [N, C_out, oH, oW], input [N, C_in, H, W].
Tensor winograd_weight_grad(const Tensor& grad, const Tensor& input, const Tensor& weight,
                            const detail::ConvParams& p);
Tensor im2col(const Tensor& image, const detail::WindowGeometry& g);
Tensor col2im(const Tensor& cols, const detail::WindowGeometry& g);
/// input [N, C, H, W] (checked by the front end); values and int64 plane indices.
std::tuple<Tensor, Tensor> max_pool2d(const Tensor& input, const detail::WindowGeometry& g);
/// Contiguous [N, C, oH, oW] averages of input [N, C, H, W] / the gradient [N, C, H, W] from
/// grad_output [N, C, oH, oW]; divisor_override 0: none.
Tensor avg_pool2d(const Tensor& input, const detail::WindowGeometry& g, bool count_include_pad,
                  int64_t divisor_override);
Tensor avg_pool2d_backward(const Tensor& grad_output, const detail::WindowGeometry& g,
                           bool count_include_pad, int64_t divisor_override);
/// [N, C, out_h, out_w] from [N, C, H, W] / the gradient [N, C, height, width].
Tensor adaptive_avg_pool2d(const Tensor& input, int64_t out_h, int64_t out_w);
Tensor adaptive_avg_pool2d_backward(const Tensor& grad_output, int64_t height, int64_t width);

}  // namespace ember::native
