// Batch normalisation through the backend's kernels. The per-channel vectors (weight, bias,
// statistics) are brought to the input's dtype and made contiguous first: they are small,
// and the kernels then read one layout and one type.

#include <tuple>

#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "core/ops/BatchNormOps.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember::native {

namespace {

Tensor channel_vector(const Tensor& t, const Tensor& like) {
  return t.defined() ? t.to(like.dtype()).contiguous() : Tensor();
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> batch_norm(const Tensor& input, const Tensor& weight,
                                              const Tensor& bias, const Tensor& running_mean,
                                              const Tensor& running_var, bool training,
                                              double momentum, double eps) {
  const Tensor x = input.contiguous();
  const int64_t channels = x.size(1);
  const DeviceType device = x.device().type();
  Tensor mean, invstd;
  if (training) {
    mean = detail::empty_tensor({channels}, x.dtype(), x.device());
    Tensor var = detail::empty_tensor({channels}, x.dtype(), x.device());
    detail::get_kernel<detail::Kernel::batch_norm_stats>(device)(mean, var, x);
    invstd = ember::rsqrt(var + eps);
    const int64_t count = x.numel() / channels;
    if (running_mean.defined()) {
      Tensor rm = running_mean;
      rm.mul_(1 - momentum).add_(mean.to(rm.dtype()), momentum);
    }
    if (running_var.defined()) {
      Tensor rv = running_var;
      const double unbias = static_cast<double>(count) / static_cast<double>(count - 1);
      rv.mul_(1 - momentum).add_(var.to(rv.dtype()), momentum * unbias);
    }
  } else {
    mean = channel_vector(running_mean, x);
    invstd = ember::rsqrt(channel_vector(running_var, x) + eps);
  }
  Tensor out = detail::empty_tensor(x.sizes(), x.dtype(), x.device());
  if (x.numel() > 0) {
    detail::get_kernel<detail::Kernel::batch_norm_apply>(device)(
        out, x, mean, invstd, channel_vector(weight, x), channel_vector(bias, x));
  }
  return {out, mean, invstd};
}

std::tuple<Tensor, Tensor, Tensor> batch_norm_backward(const Tensor& grad_out, const Tensor& input,
                                                       const Tensor& weight, const Tensor& mean,
                                                       const Tensor& invstd, bool training,
                                                       std::array<bool, 3> output_mask) {
  const Tensor x = input.contiguous();
  const Tensor g = grad_out.to(x.dtype()).contiguous();
  const int64_t channels = x.size(1);
  Tensor grad_input, grad_weight, grad_bias;
  if (output_mask[0]) grad_input = detail::empty_tensor(x.sizes(), x.dtype(), x.device());
  if (output_mask[1]) grad_weight = detail::empty_tensor({channels}, x.dtype(), x.device());
  if (output_mask[2]) grad_bias = detail::empty_tensor({channels}, x.dtype(), x.device());
  if (x.numel() == 0) {
    // No elements: the sums are zero.
    if (grad_weight.defined()) grad_weight.zero_();
    if (grad_bias.defined()) grad_bias.zero_();
    return {grad_input, grad_weight, grad_bias};
  }
  detail::get_kernel<detail::Kernel::batch_norm_backward>(x.device().type())(
      grad_input, grad_weight, grad_bias, g, x, channel_vector(mean, x), channel_vector(invstd, x),
      channel_vector(weight, x), training);
  return {grad_input, grad_weight, grad_bias};
}

}  // namespace ember::native
