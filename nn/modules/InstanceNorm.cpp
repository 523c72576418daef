// nn::InstanceNorm1d/2d: parameters and buffers as PyTorch's _NormBase registers them, the
// forward as Python's _InstanceNorm (input checks, unbatched input, F::instance_norm).

#include "ember/nn/modules/InstanceNorm.h"

#include <ostream>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/nn/functional/InstanceNorm.h"
#include "nn/PythonFormat.h"

namespace ember::nn::detail {

InstanceNormState register_instance_norm_state(Module& module, const InstanceNormOptions& options) {
  const int64_t features = options.num_features();
  const bool affine = options.affine();
  const bool has_bias = affine && options.bias();
  const bool track = options.track_running_stats();
  InstanceNormState state;
  state.weight =
      module.register_parameter("weight", affine ? ember::empty({features}) : Tensor(), affine);
  state.bias =
      module.register_parameter("bias", has_bias ? ember::empty({features}) : Tensor(), has_bias);
  state.running_mean =
      module.register_buffer("running_mean", track ? ember::zeros({features}) : Tensor());
  state.running_var =
      module.register_buffer("running_var", track ? ember::ones({features}) : Tensor());
  state.num_batches_tracked =
      module.register_buffer("num_batches_tracked", track ? ember::tensor(int64_t{0}) : Tensor());
  return state;
}

void reset_instance_norm_running_stats(InstanceNormState& state) {
  NoGradGuard no_grad;
  if (state.running_mean.defined()) state.running_mean.zero_();
  if (state.running_var.defined()) state.running_var.fill_(1);
  if (state.num_batches_tracked.defined()) state.num_batches_tracked.zero_();
}

void reset_instance_norm_parameters(InstanceNormState& state) {
  reset_instance_norm_running_stats(state);
  NoGradGuard no_grad;
  if (state.weight.defined()) state.weight.fill_(1);
  if (state.bias.defined()) state.bias.zero_();
}

void print_instance_norm(std::ostream& stream, int64_t spatial_dims,
                         const InstanceNormOptions& options, bool has_bias) {
  stream << "InstanceNorm" << spatial_dims << "d(" << options.num_features()
         << ", eps=" << python_float(options.eps())
         << ", momentum=" << python_float(options.momentum())
         << ", affine=" << python_bool(options.affine()) << ", bias=" << python_bool(has_bias)
         << ", track_running_stats=" << python_bool(options.track_running_stats()) << ")";
}

Tensor instance_norm_forward(const Tensor& input, int64_t spatial_dims,
                             const InstanceNormOptions& options, const InstanceNormState& state,
                             bool training) {
  // (C, *spatial) without the batch dim, (N, C, *spatial) with it.
  const int64_t unbatched_dims = spatial_dims + 1;
  EMBER_CHECK(input.dim() == unbatched_dims || input.dim() == unbatched_dims + 1,
              "expected {}D or {}D input (got {}D input)", unbatched_dims, unbatched_dims + 1,
              input.dim());
  const int64_t feature_dim = input.dim() - unbatched_dims;
  EMBER_CHECK(!options.affine() || input.size(feature_dim) == options.num_features(),
              "expected input's size at dim={} to match num_features ({}), but got: {}.",
              feature_dim, options.num_features(), input.size(feature_dim));
  const bool unbatched = input.dim() == unbatched_dims;
  const Tensor out =
      functional::instance_norm(unbatched ? input.unsqueeze(0) : input,
                                functional::InstanceNormFuncOptions()
                                    .running_mean(state.running_mean)
                                    .running_var(state.running_var)
                                    .weight(state.weight)
                                    .bias(state.bias)
                                    .use_input_stats(training || !options.track_running_stats())
                                    .momentum(options.momentum())
                                    .eps(options.eps()));
  return unbatched ? out.squeeze(0) : out;
}

}  // namespace ember::nn::detail
