#pragma once

// nn::InstanceNorm1d and nn::InstanceNorm2d, as libtorch's: F::instance_norm with each
// instance's statistics (in training, or always without track_running_stats) or the running
// ones, an optional learnable per-channel weight (ones) and bias (zeros), and unbatched input
// ((C, L) or (C, H, W)) accepted as Python's.

#include <cstdint>
#include <iosfwd>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/options/InstanceNorm.h"

namespace ember::nn {

template <int64_t D, typename Derived>
class InstanceNormImpl;

namespace detail {

/// The parameters and buffers of an instance norm layer, registered on `module`.
struct InstanceNormState {
  Tensor weight, bias, running_mean, running_var, num_batches_tracked;
};
EMBER_API InstanceNormState register_instance_norm_state(Module& module,
                                                         const InstanceNormOptions& options);
EMBER_API void reset_instance_norm_running_stats(InstanceNormState& state);
EMBER_API void reset_instance_norm_parameters(InstanceNormState& state);
EMBER_API void print_instance_norm(std::ostream& stream, int64_t spatial_dims,
                                   const InstanceNormOptions& options, bool has_bias);
EMBER_API Tensor instance_norm_forward(const Tensor& input, int64_t spatial_dims,
                                       const InstanceNormOptions& options,
                                       const InstanceNormState& state, bool training);

}  // namespace detail

/// What InstanceNorm1d and InstanceNorm2d share; D is the number of spatial dims.
template <int64_t D, typename Derived>
class InstanceNormImpl : public Cloneable<Derived> {
 public:
  explicit InstanceNormImpl(const InstanceNormOptions& options_) : options(options_) {
    // Not reset(): a virtual call here would not reach Derived's final override anyway.
    InstanceNormImpl::reset();
  }
  void reset() override {
    detail::InstanceNormState state = detail::register_instance_norm_state(*this, options);
    weight = state.weight;
    bias = state.bias;
    running_mean = state.running_mean;
    running_var = state.running_var;
    num_batches_tracked = state.num_batches_tracked;
    reset_parameters();
  }
  /// Running mean zeros, running variance ones, batch count zero.
  void reset_running_stats() {
    detail::InstanceNormState state = current_state();
    detail::reset_instance_norm_running_stats(state);
  }
  /// reset_running_stats(), weight ones and bias zeros.
  void reset_parameters() {
    detail::InstanceNormState state = current_state();
    detail::reset_instance_norm_parameters(state);
  }
  /// InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, bias=True,
  /// track_running_stats=False)
  void pretty_print(std::ostream& stream) const override {
    detail::print_instance_norm(stream, D, options, bias.defined());
  }
  Tensor forward(const Tensor& input) {
    return detail::instance_norm_forward(input, D, options, current_state(), this->is_training());
  }

  InstanceNormOptions options;
  /// (num_features), or undefined without affine (bias: or without bias)
  Tensor weight;
  Tensor bias;
  /// (num_features) buffers, and the int64 0-d "num_batches_tracked", with
  /// track_running_stats; undefined otherwise.
  Tensor running_mean;
  Tensor running_var;
  Tensor num_batches_tracked;

 private:
  detail::InstanceNormState current_state() const {
    return {weight, bias, running_mean, running_var, num_batches_tracked};
  }
};

class EMBER_API InstanceNorm1dImpl : public InstanceNormImpl<1, InstanceNorm1dImpl> {
 public:
  using InstanceNormImpl<1, InstanceNorm1dImpl>::InstanceNormImpl;
};
EMBER_MODULE(InstanceNorm1d);

class EMBER_API InstanceNorm2dImpl : public InstanceNormImpl<2, InstanceNorm2dImpl> {
 public:
  using InstanceNormImpl<2, InstanceNorm2dImpl>::InstanceNormImpl;
};
EMBER_MODULE(InstanceNorm2d);

}  // namespace ember::nn
