#pragma once

// Convolution, pooling and batch normalisation as ATen's top-level functions (at::conv2d,
// at::max_pool2d, at::batch_norm, ...). nn::functional and the nn modules build on these.
// A one-element stride/padding/dilation/kernel list applies to every spatial dim, as in ATen.

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>

#include "ember/core/ArrayRef.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember {

// ---- Convolution ---------------------------------------------------------------------------
/// The general 2-d convolution (input [N, C, H, W]) or, with `transposed`, its transpose
/// (weight [C_in, C_out / groups, kH, kW]); every conv function ends here. Node:
/// ConvolutionBackward0.
EMBER_API Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                             IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                             bool transposed, IntArrayRef output_padding, int64_t groups);
/// input [N, C_in, L] or unbatched [C_in, L]; weight [C_out, C_in / groups, k].
EMBER_API Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
                        IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
                        int64_t groups = 1);
/// padding "same" (output as large as the input; stride 1 only) or "valid" (no padding).
EMBER_API Tensor conv1d(const Tensor& input, const Tensor& weight, const Tensor& bias,
                        IntArrayRef stride, std::string_view padding, IntArrayRef dilation = 1,
                        int64_t groups = 1);
/// input [N, C_in, H, W] or unbatched [C_in, H, W]; weight [C_out, C_in / groups, kH, kW].
EMBER_API Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
                        IntArrayRef stride = 1, IntArrayRef padding = 0, IntArrayRef dilation = 1,
                        int64_t groups = 1);
EMBER_API Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias,
                        IntArrayRef stride, std::string_view padding, IntArrayRef dilation = 1,
                        int64_t groups = 1);
/// weight [C_in, C_out / groups, kH, kW]; the output grows by output_padding at the bottom
/// and right (output_padding < stride or dilation).
EMBER_API Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                                  const Tensor& bias = {}, IntArrayRef stride = 1,
                                  IntArrayRef padding = 0, IntArrayRef output_padding = 0,
                                  int64_t groups = 1, IntArrayRef dilation = 1);
/// Sliding windows as columns (F.unfold): [N, C, H, W] -> [N, C * kH * kW, L]. Node:
/// Im2ColBackward0.
EMBER_API Tensor im2col(const Tensor& input, IntArrayRef kernel_size, IntArrayRef dilation,
                        IntArrayRef padding, IntArrayRef stride);
/// The adjoint of im2col (F.fold): columns summed back into [N, C, H, W] (H, W =
/// output_size). Node: Col2ImBackward0.
EMBER_API Tensor col2im(const Tensor& input, IntArrayRef output_size, IntArrayRef kernel_size,
                        IntArrayRef dilation, IntArrayRef padding, IntArrayRef stride);

// ---- Pooling -------------------------------------------------------------------------------
/// stride empty = kernel_size. Padding counts as -inf. Node: MaxPool2DWithIndicesBackward0.
EMBER_API std::tuple<Tensor, Tensor> max_pool2d_with_indices(
    const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {}, IntArrayRef padding = 0,
    IntArrayRef dilation = 1, bool ceil_mode = false);
EMBER_API Tensor max_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                            IntArrayRef padding = 0, IntArrayRef dilation = 1,
                            bool ceil_mode = false);
EMBER_API std::tuple<Tensor, Tensor> max_pool1d_with_indices(
    const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {}, IntArrayRef padding = 0,
    IntArrayRef dilation = 1, bool ceil_mode = false);
EMBER_API Tensor max_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                            IntArrayRef padding = 0, IntArrayRef dilation = 1,
                            bool ceil_mode = false);
EMBER_API Tensor avg_pool2d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                            IntArrayRef padding = 0, bool ceil_mode = false,
                            bool count_include_pad = true,
                            std::optional<int64_t> divisor_override = std::nullopt);
EMBER_API Tensor avg_pool1d(const Tensor& input, IntArrayRef kernel_size, IntArrayRef stride = {},
                            IntArrayRef padding = 0, bool ceil_mode = false,
                            bool count_include_pad = true);
/// output_size [oH, oW]; each output cell averages its proportional share of the input.
EMBER_API Tensor adaptive_avg_pool2d(const Tensor& input, IntArrayRef output_size);
EMBER_API Tensor adaptive_avg_pool1d(const Tensor& input, IntArrayRef output_size);

// ---- Normalisation -------------------------------------------------------------------------
/// Normalises over every dim but 1 (the channels). Training: batch statistics, and the
/// running ones (when given) move by `momentum` towards them (the variance unbiased);
/// evaluation: the running statistics.
EMBER_API Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                            const Tensor& running_mean, const Tensor& running_var, bool training,
                            double momentum, double eps, bool cudnn_enabled = true);

}  // namespace ember
