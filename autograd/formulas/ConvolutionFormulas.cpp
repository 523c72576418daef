// Backward of convolution, im2col, col2im, pooling and batch normalisation, in public ops so that
// they record when differentiated again. convolution's input gradient is the transposed convolution
// of the gradient (and the transposed one's the plain convolution): the op differentiates into
// itself. Its weight gradient multiplies the gradient by im2col's columns of the input (of the
// gradient, when transposed), per group, summed over the batch.

#include "autograd/Formula.h"
#include "core/ops/BatchNormOps.h"
#include "core/ops/ConvolutionOps.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/core/functions/NormalizationPoolingBackward.h"

namespace ember::autograd {

using detail::ConvParams;
using detail::Pair;

namespace {

// convolution: inputs (input, weight[, bias]); attributes in ConvParams (conv_params_to_attrs),
// flag1 = has a bias.
variable_list convolution_backward(const FormulaContext& c, const variable_list& grads) {
  const ConvParams p = detail::conv_params_from_attrs(c.attrs());
  const Tensor input = c.input(0), weight = c.input(1);
  // Contiguous: the gradient of a sum arrives expanded (stride 0), which the GEMM would
  // otherwise read element by element.
  const Tensor grad = grads[0].contiguous();
  variable_list out(c.num_inputs());
  const int64_t n = input.size(0), groups = p.groups;
  const Pair kernel{weight.size(2), weight.size(3)};
  const int64_t taps = kernel[0] * kernel[1];
  const int64_t in_area = input.size(2) * input.size(3);
  const int64_t out_area = grad.size(2) * grad.size(3);
  if (!p.transposed) {
    if (c.needs_input_grad(0)) {
      // The transposed convolution's output, padded at the far side to the input's size.
      Pair output_padding{};
      for (int d = 0; d < 2; ++d) {
        output_padding[d] =
            input.size(2 + d) - ((grad.size(2 + d) - 1) * p.stride[d] - 2 * p.padding[d] +
                                 p.dilation[d] * (kernel[d] - 1) + 1);
      }
      out[0] = convolution(grad, weight, Tensor(), p.stride, p.padding, p.dilation, true,
                           output_padding, groups);
    }
    if (c.needs_input_grad(1) && !GradMode::is_enabled()) {
      // Not recorded: the backend's Winograd kernel where it applies.
      out[1] = native::winograd_weight_grad(grad, input, weight, p);
    }
    if (c.needs_input_grad(1) && !out[1].defined()) {
      const int64_t ck = input.size(1) / groups * taps;
      // A 1x1 kernel at stride 1 without padding reads the input as its own columns (as the
      // forward does).
      const bool pointwise = taps == 1 && p.stride == Pair{1, 1} && p.padding == Pair{0, 0};
      const detail::WindowGeometry window =
          detail::make_window(input.size(1), input.size(2), input.size(3), grad.size(2),
                              grad.size(3), kernel, p.padding, p.stride, p.dilation);
      if (!GradMode::is_enabled() && input.is_cpu()) {
        // Not recorded: the columns built a slice of the batch at a time, one buffer
        // accumulating a product per sample, rather than a product per sample summed
        // afterwards.
        out[1] = native::convolution_weight_grad(grad.view({n, weight.size(0), out_area}), input,
                                                 pointwise ? nullptr : &window, groups)
                     .view(weight.sizes());
      } else {
        const Tensor cols = pointwise ? input.reshape({n, input.size(1), in_area})
                                      : detail::im2col_window(input, window);
        const Tensor g = grad.reshape({n, groups, weight.size(0) / groups, out_area});
        const Tensor cv = cols.view({n, groups, ck, out_area});
        out[1] = matmul(g, cv.transpose(2, 3)).sum({0}).view(weight.sizes());
      }
    }
  } else {
    if (c.needs_input_grad(0)) {
      out[0] = convolution(grad, weight, Tensor(), p.stride, p.padding, p.dilation, false, {0, 0},
                           groups);
    }
    if (c.needs_input_grad(1)) {
      const int64_t ck = weight.size(1) * taps;
      const Tensor grad_cols = detail::im2col_window(
          grad, detail::make_window(grad.size(1), grad.size(2), grad.size(3), input.size(2),
                                    input.size(3), kernel, p.padding, p.stride, p.dilation));
      const Tensor x = input.reshape({n, groups, input.size(1) / groups, in_area});
      const Tensor gc = grad_cols.view({n, groups, ck, in_area});
      out[1] = matmul(x, gc.transpose(2, 3)).sum({0}).view(weight.sizes());
    }
  }
  if (c.attrs().flag1 && c.needs_input_grad(2)) out[2] = grad.sum({0, 2, 3});
  return out;
}

}  // namespace

void register_convolution_formulas(FormulaTable& t) {
  t.set(GradOp::convolution, Saves::kInputs, &convolution_backward);
  // im2col / col2im: ints = the window (window_to_ints); each is the other's adjoint.
  t.set(GradOp::im2col, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{detail::col2im_window(g[0], detail::window_from_ints(c.attrs().ints))};
  });
  t.set(GradOp::col2im, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{detail::im2col_window(g[0], detail::window_from_ints(c.attrs().ints))};
  });
  // max_pool2d_with_indices: extra(0) = the int64 indices into each input plane; the
  // gradient is added back at them.
  t.set(GradOp::max_pool2d_with_indices, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          const DimVector& sizes = c.input_meta(0).sizes;
          const int64_t n = sizes[0], channels = sizes[1];
          Tensor planes = zeros({n, channels, sizes[2] * sizes[3]},
                                TensorOptions().dtype(g[0].dtype()).device(g[0].device()));
          const Tensor index = c.extra(0).reshape({n, channels, -1});
          // In place into the fresh zeros: the out-of-place form would copy them first.
          planes.scatter_add_(2, index, g[0].reshape({n, channels, -1}));
          return variable_list{planes.view(sizes)};
        });
  // avg_pool2d / its backward: ints = the window (window_to_ints), flag0 = count_include_pad,
  // int0 = divisor_override (0: none). Each is linear; the backward of one is the other.
  t.set(GradOp::avg_pool2d, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{detail::avg_pool2d_backward_window(
        g[0], detail::window_from_ints(c.attrs().ints), c.attrs().flag0, c.attrs().int0)};
  });
  t.set(GradOp::avg_pool2d_backward, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          return variable_list{detail::avg_pool2d_window(
              g[0], detail::window_from_ints(c.attrs().ints), c.attrs().flag0, c.attrs().int0)};
        });
  // adaptive_avg_pool2d / its backward: ints = the (height, width) of the input's planes
  // (of the grad_output's, for the backward).
  t.set(GradOp::adaptive_avg_pool2d, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          const DimVector& hw = c.attrs().ints;
          return variable_list{detail::adaptive_pool_grad_4d(g[0], hw[0], hw[1])};
        });
  t.set(GradOp::adaptive_pool_grad, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          const DimVector& hw = c.attrs().ints;
          return variable_list{detail::adaptive_pool_4d(g[0], hw[0], hw[1])};
        });
  // native_batch_norm: inputs (input, weight, bias), each possibly undefined but the input;
  // extra = (running_mean, running_var, save_mean, save_invstd) as ATen saves them, flag0 =
  // training, scalar0 = eps.
  t.set(GradOp::native_batch_norm, Saves::kInputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor weight = c.input(1);
          auto [grad_input, grad_weight, grad_bias] = native_batch_norm_backward(
              g[0], c.input(0), weight, c.extra(0), c.extra(1), c.extra(2), c.extra(3),
              c.attrs().flag0, c.attrs().scalar0.toDouble(),
              {c.needs_input_grad(0), weight.defined() && c.needs_input_grad(1),
               c.needs_input_grad(2)});
          return variable_list{grad_input, grad_weight, grad_bias};
        });
  // native_batch_norm_backward: inputs (grad_out, input, weight), the weight possibly
  // undefined; extra = (running_mean, running_var), flag0 = training, scalar0 = eps.
  t.set(GradOp::native_batch_norm_backward, Saves::kInputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor weight = c.input(2);
          auto [d_grad_out, d_input, d_weight] = detail::batch_norm_double_backward(
              c.input(0), c.input(1), weight, c.extra(0), c.extra(1), c.attrs().flag0,
              c.attrs().scalar0.toDouble(), g[0], g[1], g[2],
              {c.needs_input_grad(0), c.needs_input_grad(1),
               weight.defined() && c.needs_input_grad(2)});
          return variable_list{d_grad_out, d_input, d_weight};
        });
}

}  // namespace ember::autograd
