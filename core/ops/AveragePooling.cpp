// Average and adaptive average pooling through the backend's kernels: contiguous planes in,
// a fresh contiguous result out (the kernels overwrite it).

#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "core/ops/ConvolutionOps.h"

namespace ember::native {

using detail::WindowGeometry;

Tensor avg_pool2d(const Tensor& input, const WindowGeometry& g, bool count_include_pad,
                  int64_t divisor_override) {
  const Tensor in = input.contiguous();
  Tensor out = detail::empty_tensor({in.size(0), g.channels, g.out_height, g.out_width}, in.dtype(),
                                    in.device());
  if (out.numel() > 0) {
    detail::get_kernel<detail::Kernel::avg_pool2d>(in.device().type())(
        out, in, g, count_include_pad, divisor_override);
  }
  return out;
}

Tensor avg_pool2d_backward(const Tensor& grad_output, const WindowGeometry& g,
                           bool count_include_pad, int64_t divisor_override) {
  const Tensor grad = grad_output.contiguous();
  Tensor grad_input = detail::empty_tensor({grad.size(0), g.channels, g.height, g.width},
                                           grad.dtype(), grad.device());
  if (grad_input.numel() > 0) {
    detail::get_kernel<detail::Kernel::avg_pool2d_backward>(grad.device().type())(
        grad_input, grad, g, count_include_pad, divisor_override);
  }
  return grad_input;
}

Tensor adaptive_avg_pool2d(const Tensor& input, int64_t out_h, int64_t out_w) {
  const Tensor in = input.contiguous();
  Tensor out =
      detail::empty_tensor({in.size(0), in.size(1), out_h, out_w}, in.dtype(), in.device());
  if (out.numel() > 0) {
    detail::get_kernel<detail::Kernel::adaptive_avg_pool2d>(in.device().type())(out, in);
  }
  return out;
}

Tensor adaptive_avg_pool2d_backward(const Tensor& grad_output, int64_t height, int64_t width) {
  const Tensor grad = grad_output.contiguous();
  Tensor grad_input = detail::empty_tensor({grad.size(0), grad.size(1), height, width},
                                           grad.dtype(), grad.device());
  if (grad_input.numel() == 0) return grad_input;
  if (grad.numel() == 0) return grad_input.zero_();
  detail::get_kernel<detail::Kernel::adaptive_pool_grad>(grad.device().type())(grad_input, grad);
  return grad_input;
}

}  // namespace ember::native
