// batch_norm and ATen's native_batch_norm / native_batch_norm_backward. The forward runs the
// fused kernels (core/ops/BatchNorm.cpp) and records NativeBatchNormBackward0 with the batch's
// mean and invstd; its backward is the fused backward kernel, which, when it must itself
// record (double backward), records NativeBatchNormBackwardBackward0, whose formula
// (batch_norm_double_backward, ATen's batchnorm_double_backward) is written in differentiable
// public ops, the training statistics recomputed from the input so that their dependence on
// it is part of every higher derivative.

#include <algorithm>
#include <tuple>
#include <utility>

#include "core/AutogradHooks.h"
#include "core/ops/BatchNormOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/core/functions/NormalizationPoolingBackward.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

void check_channel_vector(const Tensor& t, const char* name, const Tensor& input) {
  if (!t.defined()) return;
  EMBER_CHECK(t.numel() == input.size(1), "{} should contain {} elements not {}", name,
              input.size(1), t.numel());
  EMBER_CHECK(t.device() == input.device(),
              "Expected all tensors to be on the same device, but found at least two devices, {} "
              "and {}! ({} of batch_norm)",
              input.device(), t.device(), name);
  EMBER_CHECK(t.is_floating_point(),
              "batch_norm: expected {} to be a floating point tensor, but "
              "got {}",
              name, t.dtype());
}

// [1, C, 1, ...]: a per-channel vector broadcast against the input.
DimVector channel_shape(const Tensor& input) {
  DimVector shape(static_cast<size_t>(input.dim()), 1);
  shape[1] = input.size(1);
  return shape;
}

// Every dim but the channels.
DimVector reduced_dims(const Tensor& input) {
  DimVector dims{0};
  for (int64_t d = 2; d < input.dim(); ++d) dims.push_back(d);
  return dims;
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> native_batch_norm(const Tensor& input, const Tensor& weight,
                                                     const Tensor& bias, const Tensor& running_mean,
                                                     const Tensor& running_var, bool training,
                                                     double momentum, double eps) {
  EMBER_CHECK(input.defined() && input.dim() >= 2,
              "batch_norm: expected an input with at least 2 dims (batch, channels), but got {}",
              input.defined() ? input.sizes() : IntArrayRef{});
  EMBER_CHECK(input.is_floating_point(), "\"batch_norm\" not implemented for '{}'", input.dtype());
  check_channel_vector(weight, "weight", input);
  check_channel_vector(bias, "bias", input);
  check_channel_vector(running_mean, "running_mean", input);
  check_channel_vector(running_var, "running_var", input);
  EMBER_CHECK(training || (running_mean.defined() && running_var.defined()),
              "running_mean and running_var must be defined in evaluation mode");
  if (training) {
    const int64_t count = input.numel() / std::max<int64_t>(input.size(1), 1);
    EMBER_CHECK(count > 1,
                "Expected more than 1 value per channel when training, got input size {}",
                input.sizes());
  }
  // The body calls public ops (the running statistics' update among them), never recorded.
  auto [out, mean, invstd] = detail::below_autograd([&] {
    return native::batch_norm(input, weight, bias, running_mean, running_var, training, momentum,
                              eps);
  });
  if (detail::should_record(input, weight, bias)) {
    OpAttrs attrs;
    attrs.flag0 = training;
    attrs.scalar0 = eps;
    attrs.tensors = {running_mean, running_var, training ? mean : Tensor(),
                     training ? invstd : Tensor()};
    detail::record(GradOp::native_batch_norm, {input, weight, bias}, out, std::move(attrs));
  }
  if (!training) {
    // As ATen: evaluation returns no saved statistics.
    mean = ember::empty({0}, TensorOptions().dtype(input.dtype()).device(input.device()));
    invstd = mean;
  }
  return {out, mean, invstd};
}

std::tuple<Tensor, Tensor, Tensor> native_batch_norm_backward(
    const Tensor& grad_out, const Tensor& input, const Tensor& weight, const Tensor& running_mean,
    const Tensor& running_var, const Tensor& save_mean, const Tensor& save_invstd, bool train,
    double eps, std::array<bool, 3> output_mask) {
  EMBER_CHECK(grad_out.defined() && input.defined() && input.dim() >= 2 &&
                  grad_out.sizes() == input.sizes(),
              "native_batch_norm_backward: expected grad_out and input of one shape with at least "
              "2 dims, but got {} and {}",
              grad_out.defined() ? grad_out.sizes() : IntArrayRef{},
              input.defined() ? input.sizes() : IntArrayRef{});
  check_channel_vector(weight, "weight", input);
  const Tensor& mean_source = train ? save_mean : running_mean;
  const Tensor& var_source = train ? save_invstd : running_var;
  EMBER_CHECK(mean_source.defined() && var_source.defined(),
              "native_batch_norm_backward: {} required",
              train ? "save_mean and save_invstd are" : "running_mean and running_var are");
  check_channel_vector(mean_source, train ? "save_mean" : "running_mean", input);
  check_channel_vector(var_source, train ? "save_invstd" : "running_var", input);
  if (detail::should_record(grad_out, input, weight)) {
    // Double backward: all three gradients from the fused kernel, recorded as
    // NativeBatchNormBackwardBackward0 (formula: batch_norm_double_backward). Training
    // recomputes the statistics from the input, as the formula differentiates through them.
    auto [gi, gw, gb] = detail::below_autograd([&] {
      Tensor mean = running_mean, invstd;
      if (train) {
        const DimVector dims = reduced_dims(input);
        mean = input.mean(dims);
        invstd = ember::rsqrt(ember::var(input, dims, /*unbiased=*/false, /*keepdim=*/false) + eps);
      } else {
        invstd = ember::rsqrt(running_var + eps);
      }
      return native::batch_norm_backward(grad_out, input, weight, mean, invstd, train,
                                         {true, true, true});
    });
    OpAttrs attrs;
    attrs.flag0 = train;
    attrs.scalar0 = eps;
    attrs.tensors = {running_mean, running_var};
    const Tensor inputs[] = {grad_out, input, weight};
    const Tensor outputs[] = {gi, gw, gb};
    detail::autograd_hooks().record(GradOp::native_batch_norm_backward, ArrayRef<Tensor>(inputs),
                                    ArrayRef<Tensor>(outputs), std::move(attrs));
    return {output_mask[0] ? gi : Tensor(), output_mask[1] ? gw : Tensor(),
            output_mask[2] ? gb : Tensor()};
  }
  return detail::below_autograd([&] {
    const Tensor invstd = train ? save_invstd : ember::rsqrt(running_var + eps);
    return native::batch_norm_backward(grad_out, input, weight, mean_source, invstd, train,
                                       output_mask);
  });
}

namespace detail {

std::tuple<Tensor, Tensor, Tensor> batch_norm_double_backward(
    const Tensor& grad_out, const Tensor& input, const Tensor& weight, const Tensor& running_mean,
    const Tensor& running_var, bool train, double eps, const Tensor& ggI, const Tensor& ggW,
    const Tensor& ggB, std::array<bool, 3> mask) {
  const DimVector dims = reduced_dims(input);
  const DimVector shape = channel_shape(input);
  const auto per_channel = [&](const Tensor& v) { return v.view(shape); };
  const auto channel_mean = [&](const Tensor& t) { return t.mean(dims, /*keepdim=*/true); };
  const auto times_weight = [&](const Tensor& t) {
    return weight.defined() ? t * weight.view(shape) : t;
  };
  // The first backward is gI = w s P(gO), gW = sum(gO xhat), gB = sum(gO), with s the
  // invstd, xhat the normalised input and, in training, P(v) = v - mean(v) - xhat mean(v xhat)
  // (symmetric); the terms below are its derivatives (those of ATen's
  // batchnorm_double_backward).
  Tensor d_grad_out, d_input, d_weight;
  if (train) {
    const Tensor s =
        ember::rsqrt(ember::var(input, dims, /*unbiased=*/false, /*keepdim=*/true) + eps);
    const Tensor xhat = (input - channel_mean(input)) * s;
    const Tensor m_go = channel_mean(grad_out), m_gx = channel_mean(grad_out * xhat);
    const Tensor m_i = channel_mean(ggI), m_ix = channel_mean(ggI * xhat);
    const Tensor projected_go = grad_out - m_go - xhat * m_gx;
    if (mask[0]) {
      d_grad_out =
          times_weight(s * (ggI - m_i - xhat * m_ix)) + per_channel(ggW) * xhat + per_channel(ggB);
    }
    if (mask[1]) {
      // Through s and xhat (both functions of the input) in gI's term; gW's term is
      // ggW s P(gO).
      const Tensor m_igo = channel_mean(ggI * grad_out);
      const Tensor through_stats = xhat * (m_i * m_go - m_igo + m_gx * m_ix * 3.0) -
                                   (grad_out - m_go) * m_ix - m_gx * (ggI - m_i);
      d_input = times_weight(s * s * through_stats) + per_channel(ggW) * s * projected_go;
    }
    if (mask[2]) d_weight = (ggI * s * projected_go).sum(dims);
  } else {
    const Tensor s = ember::rsqrt(per_channel(running_var).to(input.dtype()) + eps);
    const Tensor xhat = (input - per_channel(running_mean).to(input.dtype())) * s;
    if (mask[0]) {
      d_grad_out = times_weight(s * ggI) + per_channel(ggW) * xhat + per_channel(ggB);
    }
    if (mask[1]) d_input = per_channel(ggW) * s * grad_out;
    if (mask[2]) d_weight = (ggI * s * grad_out).sum(dims);
  }
  return {d_grad_out, d_input, d_weight};
}

}  // namespace detail

Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                  const Tensor& running_mean, const Tensor& running_var, bool training,
                  double momentum, double eps, bool cudnn_enabled) {
  (void)cudnn_enabled;
  return std::get<0>(
      native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps));
}

}  // namespace ember
