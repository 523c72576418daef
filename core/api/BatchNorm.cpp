// batch_norm, written in public ops (so its backward and double backward follow from theirs
// and it runs on every device): statistics over every dim but the channels; in training the
// running statistics move towards the batch's (the variance unbiased), without recording.

#include <algorithm>
#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember {

namespace {

void check_channel_vector(const Tensor& t, const char* name, int64_t channels) {
  if (!t.defined()) return;
  EMBER_CHECK(t.numel() == channels, "{} should contain {} elements not {}", name, channels,
              t.numel());
}

}  // namespace

Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                  const Tensor& running_mean, const Tensor& running_var, bool training,
                  double momentum, double eps, bool cudnn_enabled) {
  (void)cudnn_enabled;
  EMBER_CHECK(input.defined() && input.dim() >= 2,
              "batch_norm: expected an input with at least 2 dims (batch, channels), but got {}",
              input.defined() ? input.sizes() : IntArrayRef{});
  EMBER_CHECK(input.is_floating_point(), "\"batch_norm\" not implemented for '{}'", input.dtype());
  const int64_t channels = input.size(1);
  check_channel_vector(weight, "weight", channels);
  check_channel_vector(bias, "bias", channels);
  check_channel_vector(running_mean, "running_mean", channels);
  check_channel_vector(running_var, "running_var", channels);
  EMBER_CHECK(training || (running_mean.defined() && running_var.defined()),
              "running_mean and running_var must be defined in evaluation mode");
  // [1, C, 1, ...]: a per-channel vector broadcast against the input.
  DimVector channel_shape(static_cast<size_t>(input.dim()), 1);
  channel_shape[1] = channels;
  DimVector reduce_dims{0};
  for (int64_t d = 2; d < input.dim(); ++d) reduce_dims.push_back(d);
  const int64_t count = input.numel() / std::max<int64_t>(channels, 1);

  // out = (x - mean) * (invstd * weight) + bias: the weight folded into the per-channel
  // scale, so that the full-size passes (and their backward) are as few as possible.
  Tensor centered, invstd;
  if (training) {
    EMBER_CHECK(count > 1,
                "Expected more than 1 value per channel when training, got input size {}",
                input.sizes());
    const Tensor mean = input.mean(reduce_dims, /*keepdim=*/true);
    const Tensor var = ember::var(input, reduce_dims, /*unbiased=*/false, /*keepdim=*/true);
    centered = input - mean;
    invstd = ember::rsqrt(var + eps);
    if (running_mean.defined() || running_var.defined()) {
      NoGradGuard no_grad;
      if (running_mean.defined()) {
        Tensor rm = running_mean;
        rm.mul_(1 - momentum).add_(mean.detach().view({channels}).to(rm.dtype()), momentum);
      }
      if (running_var.defined()) {
        Tensor rv = running_var;
        const double unbias = static_cast<double>(count) / static_cast<double>(count - 1);
        rv.mul_(1 - momentum).add_(var.detach().view({channels}).to(rv.dtype()), momentum * unbias);
      }
    }
  } else {
    centered = input - running_mean.view(channel_shape);
    invstd = ember::rsqrt(running_var.view(channel_shape) + eps);
  }
  const Tensor scale = weight.defined() ? invstd * weight.view(channel_shape) : invstd;
  Tensor out = centered * scale;
  if (bias.defined()) out = out + bias.view(channel_shape);
  return out;
}

}  // namespace ember
