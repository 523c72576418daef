// Convolution by im2col + the backend's batched gemm kernel (CPU: the blocked/BLAS gemm;
// CUDA: cuBLAS), per group one batched product over the samples with the weight broadcast
// (batch stride 0). The transposed convolution multiplies by the weight's transpose and
// sums the columns back with col2im. Shape checks follow ATen's check_shape_forward.

#include <algorithm>
#include <cmath>
#include <string>

#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "core/ops/ConvolutionOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::detail {

Pair expand_pair(IntArrayRef values, const char* name) {
  if (values.size() == 1) return {values[0], values[0]};
  EMBER_CHECK(values.size() == 2,
              "expected {} to be a single integer value or a list of 2 values to match the "
              "convolution dimensions, but got {}={}",
              name, name, values);
  return {values[0], values[1]};
}

WindowGeometry make_window(int64_t channels, int64_t height, int64_t width, int64_t out_height,
                           int64_t out_width, Pair kernel, Pair padding, Pair stride,
                           Pair dilation) {
  WindowGeometry g;
  g.channels = channels;
  g.height = height;
  g.width = width;
  g.out_height = out_height;
  g.out_width = out_width;
  g.kernel_h = kernel[0];
  g.kernel_w = kernel[1];
  g.pad_h = padding[0];
  g.pad_w = padding[1];
  g.stride_h = stride[0];
  g.stride_w = stride[1];
  g.dilation_h = dilation[0];
  g.dilation_w = dilation[1];
  return g;
}

void window_to_ints(const WindowGeometry& g, DimVector& ints) {
  ints = {g.channels, g.height, g.width,    g.out_height, g.out_width,  g.kernel_h,  g.kernel_w,
          g.pad_h,    g.pad_w,  g.stride_h, g.stride_w,   g.dilation_h, g.dilation_w};
}

WindowGeometry window_from_ints(IntArrayRef v) {
  return make_window(v[0], v[1], v[2], v[3], v[4], {v[5], v[6]}, {v[7], v[8]}, {v[9], v[10]},
                     {v[11], v[12]});
}

void conv_params_to_attrs(const ConvParams& p, OpAttrs& attrs) {
  attrs.ints = {p.stride[0],   p.stride[1],   p.padding[0],        p.padding[1],
                p.dilation[0], p.dilation[1], p.output_padding[0], p.output_padding[1]};
  attrs.int0 = p.groups;
  attrs.flag0 = p.transposed;
}

ConvParams conv_params_from_attrs(const OpAttrs& attrs) {
  const DimVector& v = attrs.ints;
  ConvParams p;
  p.stride = {v[0], v[1]};
  p.padding = {v[2], v[3]};
  p.dilation = {v[4], v[5]};
  p.output_padding = {v[6], v[7]};
  p.groups = attrs.int0;
  p.transposed = attrs.flag0;
  return p;
}

}  // namespace ember::detail

namespace ember::native {

using detail::ConvParams;
using detail::has_kernel;
using detail::Kernel;
using detail::Pair;
using detail::WindowGeometry;

namespace {

// PyTorch's legacy type name in its "Input type (...) and weight type (...)" message.
std::string legacy_type_name(const Tensor& t) {
  return std::string(t.is_cuda() ? "torch.cuda." : "torch.") + std::string(dtype_name(t.dtype())) +
         "Tensor";
}

void check_conv_arguments(const Tensor& input, const Tensor& weight, const Tensor& bias,
                          const ConvParams& p) {
  EMBER_CHECK(input.defined() && weight.defined(), "convolution: input and weight must be defined");
  EMBER_CHECK(input.dtype() == weight.dtype() && input.device() == weight.device(),
              "Input type ({}) and weight type ({}) should be the same or input should be a "
              "MKLDNN tensor and weight is a dense tensor",
              legacy_type_name(input), legacy_type_name(weight));
  if (bias.defined()) {
    EMBER_CHECK(bias.dtype() == input.dtype() && bias.device() == input.device(),
                "Input type ({}) and bias type ({}) should be the same", legacy_type_name(input),
                legacy_type_name(bias));
  }
  EMBER_CHECK(input.dtype() != kBool, "\"convolution\" not implemented for 'Bool'");
  EMBER_CHECK(p.groups > 0, "non-positive groups is not supported");
  for (int d = 0; d < 2; ++d) {
    EMBER_CHECK(p.padding[d] >= 0, "negative padding is not supported");
    EMBER_CHECK(p.output_padding[d] >= 0, "negative output_padding is not supported");
    EMBER_CHECK(p.stride[d] > 0, "non-positive stride is not supported");
    EMBER_CHECK(p.dilation[d] > 0, "non-positive dilation is not supported");
  }
  EMBER_CHECK(weight.dim() == input.dim(),
              "Expected {}-dimensional input for {}-dimensional weight {}, but got {}-dimensional "
              "input of size {} instead",
              weight.dim(), weight.dim(), weight.sizes(), input.dim(), input.sizes());
  EMBER_CHECK(weight.size(0) >= p.groups && weight.size(0) % p.groups == 0,
              "Given groups={}, expected weight to be divisible by {} at dimension 0, but got "
              "weight of size [{}] instead",
              p.groups, p.groups, weight.sizes());
  if (!p.transposed) {
    EMBER_CHECK(input.size(1) == weight.size(1) * p.groups,
                "Given groups={}, weight of size {}, expected input{} to have {} channels, but got "
                "{} channels instead",
                p.groups, weight.sizes(), input.sizes(), weight.size(1) * p.groups, input.size(1));
    EMBER_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == weight.size(0)),
                "Given weight of size {}, expected bias to be 1-dimensional with {} elements, but "
                "got bias of size {} instead",
                weight.sizes(), weight.size(0), bias.sizes());
    for (int d = 0; d < 2; ++d) {
      const int64_t padded = input.size(2 + d) + 2 * p.padding[d];
      const int64_t kernel = p.dilation[d] * (weight.size(2 + d) - 1) + 1;
      if (padded < kernel) {
        EMBER_CHECK(false,
                    "Calculated padded input size per channel: ({} x {}). Kernel size: ({} x {}). "
                    "Kernel size can't be greater than actual input size",
                    input.size(2) + 2 * p.padding[0], input.size(3) + 2 * p.padding[1],
                    p.dilation[0] * (weight.size(2) - 1) + 1,
                    p.dilation[1] * (weight.size(3) - 1) + 1);
      }
    }
  } else {
    EMBER_CHECK(input.size(1) == weight.size(0),
                "Given transposed=1, weight of size {}, expected input{} to have {} channels, but "
                "got {} channels instead",
                weight.sizes(), input.sizes(), weight.size(0), input.size(1));
    EMBER_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == weight.size(1) * p.groups),
                "Given transposed=1, weight of size {}, expected bias to be 1-dimensional with {} "
                "elements, but got bias of size {} instead",
                weight.sizes(), weight.size(1) * p.groups, bias.sizes());
    const bool fits = p.output_padding[0] < std::max(p.stride[0], p.dilation[0]) &&
                      p.output_padding[1] < std::max(p.stride[1], p.dilation[1]);
    EMBER_CHECK(fits,
                "output padding must be smaller than either stride or dilation, but got "
                "output_padding_height: {} output_padding_width: {} stride_height: {} "
                "stride_width: {} dilation_height: {} dilation_width: {}",
                p.output_padding[0], p.output_padding[1], p.stride[0], p.stride[1], p.dilation[0],
                p.dilation[1]);
  }
}

// out[n] (+)= a[n] @ b[n] for n < batch, operands given as strided views of their tensors.
struct MatrixView {
  const Tensor* t;
  int64_t offset, batch_stride, rows, cols, row_stride, col_stride;
  Tensor view(int64_t batch) const {
    return detail::make_view(*t, {batch, rows, cols}, {batch_stride, row_stride, col_stride},
                             t->storage_offset() + offset);
  }
};

void batched_product(int64_t batch, const MatrixView& out, const MatrixView& a, const MatrixView& b,
                     bool accumulate) {
  detail::get_kernel<detail::Kernel::gemm>(out.t->device().type())(
      out.view(batch), a.view(batch), b.view(batch), accumulate ? 1 : 0, 1);
}

// Whether every element is finite, from one fast pass: a sum of finite values (accumulated in
// double) is finite, and an Inf or NaN makes it Inf or NaN. (A sum that overflows float only
// says "no" to values that are all finite: the caller then takes the general path.)
bool all_finite(const Tensor& t) { return std::isfinite(t.sum().item<double>()); }

// Whether the backend's Winograd kernels take this convolution's shape: a 3x3 kernel at
// stride 1, dilation 1, one group, in float32/float64, where the backend has them (the CPU).
// Both sides need enough channels for its 16 per-point products to be real matrix products;
// below that im2col + GEMM is as fast. A transposed convolution is the plain one with the
// weight flipped, at padding 2 - padding, so its padding may not exceed 2.
bool winograd_shape(const Tensor& input, const Tensor& weight, const ConvParams& p) {
  constexpr int64_t kMinChannels = 8;
  if (p.stride != Pair{1, 1} || p.dilation != Pair{1, 1} || p.groups != 1) return false;
  if (weight.size(2) != 3 || weight.size(3) != 3) return false;
  if (input.dtype() != kFloat && input.dtype() != kDouble) return false;
  if (input.size(1) < kMinChannels || weight.size(0) < kMinChannels ||
      weight.size(1) < kMinChannels) {
    return false;
  }
  if (p.transposed && (p.padding[0] > 2 || p.padding[1] > 2 || p.output_padding != Pair{0, 0})) {
    return false;
  }
  return has_kernel(Kernel::conv3x3_winograd, input.device().type());
}

// The (plain or transposed) convolution by the Winograd kernel when its shape qualifies and
// its operands are finite (Winograd's transforms subtract neighbouring values: Inf - Inf
// would turn outputs that are +-Inf in PyTorch into NaN); false, doing nothing, otherwise.
// out: [N, K, oH, oW], allocated.
bool try_winograd(const Tensor& out, const Tensor& x, const Tensor& w, const Tensor& bias,
                  const ConvParams& p) {
  if (!winograd_shape(x, w, p) || !all_finite(x) || !all_finite(w)) return false;
  // The transposed convolution at stride 1 is the plain one of the flipped weight with
  // padding 2 - padding.
  const Pair padding = p.transposed ? Pair{2 - p.padding[0], 2 - p.padding[1]} : p.padding;
  detail::get_kernel<detail::Kernel::conv3x3_winograd>(x.device().type())(
      out, x, w, bias.defined() ? bias.contiguous() : bias, padding[0], padding[1], p.transposed);
  return true;
}

// Samples per slice of the batch whose columns are built and multiplied before the next
// slice's: on the CPU about 2 MiB of columns, so that a large batch never holds k*k copies of
// its input at once (224x224 images with 64 channels and 3x3 kernels take 116 MB of columns
// a sample), and the columns are still in cache when the product reads them. Measured on
// LeNet's step at batch 64: whole-batch columns ran it 10% slower on one thread; 512 KiB
// slices 1.5x slower on two (each slice is a parallel region). Other devices take the whole
// batch at once.
int64_t samples_per_slice(const Tensor& x, int64_t cols_per_sample) {
  constexpr int64_t kSliceBytes = int64_t(2) << 20;
  if (!x.is_cpu()) return std::max<int64_t>(x.size(0), 1);
  const int64_t bytes = std::max<int64_t>(cols_per_sample, 1) * x.element_size();
  return std::clamp<int64_t>(kSliceBytes / bytes, 1, std::max<int64_t>(x.size(0), 1));
}

// The columns of samples [s0, s0 + len) of x (contiguous) in `buffer` ([slice, rows, area],
// reused across slices).
Tensor slice_columns(const Tensor& buffer, const Tensor& x, int64_t s0, int64_t len,
                     const WindowGeometry& g) {
  const Tensor cols = buffer.narrow(0, 0, len);
  detail::get_kernel<detail::Kernel::im2col>(x.device().type())(cols, x.narrow(0, s0, len), g);
  return cols;
}

}  // namespace

Tensor winograd_weight_grad(const Tensor& grad, const Tensor& input, const Tensor& weight,
                            const ConvParams& p) {
  // The weight gradient reads the input and the output gradient only: those must be finite.
  if (p.transposed || !winograd_shape(input, weight, p) ||
      !has_kernel(Kernel::conv3x3_winograd_weight_grad, input.device().type()) ||
      !all_finite(input) || !all_finite(grad)) {
    return Tensor();
  }
  Tensor weight_grad = detail::empty_tensor(weight.sizes(), input.dtype(), input.device());
  detail::get_kernel<detail::Kernel::conv3x3_winograd_weight_grad>(input.device().type())(
      weight_grad, grad.contiguous(), input.contiguous(), p.padding[0], p.padding[1]);
  return weight_grad;
}

Tensor convolution_weight_grad(const Tensor& grad, const Tensor& input,
                               const WindowGeometry* window, int64_t groups) {
  const Tensor g = grad.contiguous();
  const Tensor x = input.contiguous();
  const int64_t n = g.size(0), oc = g.size(1), area = g.size(2);
  const int64_t rows = window ? window->channels * window->kernel_h * window->kernel_w
                              : x.size(1);  // columns' rows per sample
  const int64_t ck = rows / groups, ocg = oc / groups;
  Tensor weight_grad = detail::empty_tensor({oc, ck}, g.dtype(), g.device());
  if (n == 0 || area == 0) return weight_grad.zero_();
  const int64_t slice = samples_per_slice(x, rows * area);
  const Tensor buffer =
      window ? detail::empty_tensor({slice, rows, area}, x.dtype(), x.device()) : Tensor();
  const Tensor pointwise_cols = window ? Tensor() : x.view({n, rows, area});
  for (int64_t s0 = 0; s0 < n; s0 += slice) {
    const int64_t len = std::min(slice, n - s0);
    const Tensor c =
        window ? slice_columns(buffer, x, s0, len, *window) : pointwise_cols.narrow(0, s0, len);
    for (int64_t s = 0; s < len; ++s) {
      for (int64_t gi = 0; gi < groups; ++gi) {
        // weight_grad[group] (+)= grad[s0 + s, group] @ cols[s, group]^T
        batched_product(1, {&weight_grad, gi * ocg * ck, 0, ocg, ck, ck, 1},
                        {&g, ((s0 + s) * oc + gi * ocg) * area, 0, ocg, area, area, 1},
                        {&c, (s * groups + gi) * ck * area, 0, area, ck, 1, area}, s0 + s > 0);
      }
    }
  }
  return weight_grad;
}

Tensor im2col(const Tensor& image, const WindowGeometry& g) {
  const Tensor in = image.contiguous();
  const int64_t n = in.size(0);
  Tensor cols =
      detail::empty_tensor({n, g.channels * g.kernel_h * g.kernel_w, g.out_height * g.out_width},
                           in.dtype(), in.device());
  if (cols.numel() > 0) {
    detail::get_kernel<detail::Kernel::im2col>(in.device().type())(cols, in, g);
  }
  return cols;
}

Tensor col2im(const Tensor& cols, const WindowGeometry& g) {
  const Tensor in = cols.contiguous();
  Tensor image =
      detail::empty_tensor({in.size(0), g.channels, g.height, g.width}, in.dtype(), in.device());
  if (image.numel() == 0) return image;
  if (in.numel() == 0) return image.zero_();
  detail::get_kernel<detail::Kernel::col2im>(in.device().type())(image, in, g);
  return image;
}

Tensor convolution(const Tensor& input, const Tensor& weight, const Tensor& bias,
                   const ConvParams& p) {
  check_conv_arguments(input, weight, bias, p);
  const Tensor x = input.contiguous();
  const Tensor w = weight.contiguous();
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
  const int64_t kh = w.size(2), kw = w.size(3), groups = p.groups;
  const detail::Pair kernel{kh, kw};
  if (!p.transposed) {
    const int64_t oc = w.size(0);
    const int64_t oh = (h + 2 * p.padding[0] - p.dilation[0] * (kh - 1) - 1) / p.stride[0] + 1;
    const int64_t ow = (wd + 2 * p.padding[1] - p.dilation[1] * (kw - 1) - 1) / p.stride[1] + 1;
    const int64_t area = oh * ow;
    Tensor out = detail::empty_tensor({n, oc, oh, ow}, x.dtype(), x.device());
    if (out.numel() == 0) return out;
    if (try_winograd(out, x, w, bias, p)) return out;
    // A 1x1 kernel at stride 1 without padding reads the input as its own columns.
    const bool pointwise =
        kh == 1 && kw == 1 && p.stride == detail::Pair{1, 1} && p.padding == detail::Pair{0, 0};
    const WindowGeometry window =
        detail::make_window(c, h, wd, oh, ow, kernel, p.padding, p.stride, p.dilation);
    const int64_t ck = (c / groups) * kh * kw;  // columns' rows per group
    const int64_t ocg = oc / groups;
    if (bias.defined()) out.copy_(bias.view({1, oc, 1, 1}).expand(out.sizes()));
    const int64_t slice = pointwise ? n : samples_per_slice(x, groups * ck * area);
    const Tensor buffer =
        pointwise ? Tensor()
                  : detail::empty_tensor({slice, groups * ck, area}, x.dtype(), x.device());
    for (int64_t s0 = 0; s0 < n; s0 += slice) {
      const int64_t len = std::min(slice, n - s0);
      const Tensor cols = pointwise ? x : slice_columns(buffer, x, s0, len, window);
      const Tensor dst = out.narrow(0, s0, len);
      for (int64_t gi = 0; gi < groups; ++gi) {
        batched_product(len, {&dst, gi * ocg * area, oc * area, ocg, area, area, 1},
                        {&w, gi * ocg * ck, 0, ocg, ck, ck, 1},
                        {&cols, gi * ck * area, groups * ck * area, ck, area, area, 1},
                        bias.defined());
      }
    }
    return out;
  }
  // Transposed: columns = W^T x per group, then summed into the (larger) output image.
  const int64_t ocg = w.size(1), oc = ocg * groups, cg = c / groups;
  const int64_t oh =
      (h - 1) * p.stride[0] - 2 * p.padding[0] + p.dilation[0] * (kh - 1) + p.output_padding[0] + 1;
  const int64_t ow = (wd - 1) * p.stride[1] - 2 * p.padding[1] + p.dilation[1] * (kw - 1) +
                     p.output_padding[1] + 1;
  EMBER_CHECK(oh > 0 && ow > 0,
              "Given input size per channel: ({} x {}). Calculated output size per channel: ({} x "
              "{}). Output size is too small",
              h, wd, oh, ow);
  Tensor out = detail::empty_tensor({n, oc, oh, ow}, x.dtype(), x.device());
  if (out.numel() == 0) return out;
  if (try_winograd(out, x, w, bias, p)) return out;
  const int64_t area = h * wd, ck = ocg * kh * kw;
  if (area == 0 || c == 0) {
    out.zero_();
  } else {
    const WindowGeometry window =
        detail::make_window(oc, oh, ow, h, wd, kernel, p.padding, p.stride, p.dilation);
    const int64_t slice = samples_per_slice(x, oc * kh * kw * area);
    const Tensor buffer = detail::empty_tensor({slice, oc * kh * kw, area}, x.dtype(), x.device());
    for (int64_t s0 = 0; s0 < n; s0 += slice) {
      const int64_t len = std::min(slice, n - s0);
      const Tensor cols = buffer.narrow(0, 0, len);
      const Tensor src = x.narrow(0, s0, len);
      for (int64_t gi = 0; gi < groups; ++gi) {
        batched_product(len, {&cols, gi * ck * area, oc * kh * kw * area, ck, area, area, 1},
                        {&w, gi * cg * ck, 0, ck, cg, 1, ck},
                        {&src, gi * cg * area, c * area, cg, area, area, 1}, false);
      }
      detail::get_kernel<detail::Kernel::col2im>(x.device().type())(out.narrow(0, s0, len), cols,
                                                                    window);
    }
  }
  if (bias.defined()) out.add_(bias.view({1, oc, 1, 1}));
  return out;
}

std::tuple<Tensor, Tensor> max_pool2d(const Tensor& input, const WindowGeometry& g) {
  const Tensor in = input.contiguous();
  const int64_t n = in.size(0);
  Tensor values =
      detail::empty_tensor({n, g.channels, g.out_height, g.out_width}, in.dtype(), in.device());
  Tensor indices = detail::empty_tensor(values.sizes(), kLong, in.device());
  if (values.numel() > 0) {
    detail::get_kernel<detail::Kernel::max_pool2d>(in.device().type())(values, indices, in, g);
  }
  return {values, indices};
}

}  // namespace ember::native
