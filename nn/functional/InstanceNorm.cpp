// F::instance_norm as a composite of public ops (first and second derivatives come from
// autograd): each (sample, channel) slice normalised over its spatial elements, the running
// statistics updated in place without recording, as PyTorch's (which runs batch_norm on the
// input viewed as (1, N * C, *) and averages the updated statistics over the batch).

#include "ember/nn/functional/InstanceNorm.h"

#include <vector>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "nn/functional/ChannelAffine.h"

namespace ember::nn::functional {
namespace {

void check_running_stat(const Tensor& stat, const char* name, int64_t channels) {
  EMBER_CHECK(!stat.defined() || stat.numel() == channels, "{} should contain {} elements not {}",
              name, channels, stat.numel());
}

/// running = (1 - momentum) running + momentum * mean over the batch of `per_instance` (N, C).
void update_running(Tensor running, const Tensor& per_instance, double momentum) {
  running.mul_(1 - momentum).add_(per_instance.mean({0}).to(running.dtype()), momentum);
}

}  // namespace

Tensor instance_norm(const Tensor& input, const InstanceNormFuncOptions& options) {
  EMBER_CHECK(input.dim() >= 2, "Expected at least 2 dimensions for input tensor but received {}",
              input.dim());
  const Tensor& running_mean = options.running_mean();
  const Tensor& running_var = options.running_var();
  EMBER_CHECK(options.use_input_stats() || (running_mean.defined() && running_var.defined()),
              "Expected running_mean and running_var to be defined when use_input_stats is false");
  const int64_t channels = input.size(1);
  detail::check_channel_vector(options.weight(), "weight", input);
  detail::check_channel_vector(options.bias(), "bias", input);
  check_running_stat(running_mean, "running_mean", channels);
  check_running_stat(running_var, "running_var", channels);

  std::vector<int64_t> spatial_dims;
  int64_t spatial = 1;
  for (int64_t d = 2; d < input.dim(); ++d) {
    spatial_dims.push_back(d);
    spatial *= input.size(d);
  }
  Tensor normalized;
  if (options.use_input_stats()) {
    EMBER_CHECK(spatial != 1,
                "Expected more than 1 spatial element when training, got input size {}",
                input.sizes().vec());
    // var() and mean(), whose backward formulas are faster than a composite's (group_norm).
    const Tensor variance = input.var(spatial_dims, /*unbiased=*/false, /*keepdim=*/true);
    const Tensor centered = input - input.mean(spatial_dims, /*keepdim=*/true);
    normalized = centered * ember::rsqrt(variance + options.eps());
    if (running_mean.defined() || running_var.defined()) {
      NoGradGuard no_grad;
      const Tensor flat = input.detach().reshape({input.size(0), channels, spatial});
      if (running_mean.defined()) {
        update_running(running_mean, flat.mean({2}), options.momentum());
      }
      if (running_var.defined()) {
        update_running(running_var, flat.var({2}, /*unbiased=*/true), options.momentum());
      }
    }
  } else {
    const Tensor mean = detail::along_channels(running_mean, input.dim());
    const Tensor variance = detail::along_channels(running_var, input.dim());
    normalized = (input - mean) * ember::rsqrt(variance + options.eps());
  }
  return detail::channel_affine(normalized, options.weight(), options.bias());
}

}  // namespace ember::nn::functional
