// nn::BatchNorm1d/2d and F::batch_norm (ember::batch_norm, core/api/BatchNorm.cpp). The
// layers count batches in num_batches_tracked; with momentum nullopt the running statistics
// are the cumulative average (factor 1 / batches seen), as PyTorch's _BatchNorm.forward.

#include "ember/nn/modules/BatchNorm.h"

#include <ostream>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/nn/functional/BatchNorm.h"
#include "nn/PythonFormat.h"

namespace ember::nn {

template <size_t D>
BatchNormImpl<D>::BatchNormImpl(const BatchNormOptions& options_) : options(options_) {
  reset();
}

template <size_t D>
void BatchNormImpl<D>::reset() {
  const int64_t c = options.num_features();
  EMBER_CHECK(c >= 0, "BatchNorm: num_features must be non-negative (got {})", c);
  const bool affine = options.affine();
  weight = this->register_parameter("weight", affine ? ember::empty({c}) : Tensor(), affine);
  bias = this->register_parameter("bias", affine ? ember::empty({c}) : Tensor(), affine);
  if (options.track_running_stats()) {
    running_mean = this->register_buffer("running_mean", ember::zeros({c}));
    running_var = this->register_buffer("running_var", ember::ones({c}));
    num_batches_tracked =
        this->register_buffer("num_batches_tracked", ember::zeros({}, TensorOptions(kLong)));
  }
  reset_parameters();
}

template <size_t D>
void BatchNormImpl<D>::reset_running_stats() {
  if (!options.track_running_stats()) return;
  NoGradGuard no_grad;
  running_mean.zero_();
  running_var.fill_(1);
  num_batches_tracked.zero_();
}

template <size_t D>
void BatchNormImpl<D>::reset_parameters() {
  reset_running_stats();
  if (options.affine()) {
    NoGradGuard no_grad;
    weight.fill_(1);
    bias.zero_();
  }
}

template <size_t D>
void BatchNormImpl<D>::pretty_print(std::ostream& stream) const {
  stream << (D == 1 ? "BatchNorm1d(" : "BatchNorm2d(") << options.num_features()
         << ", eps=" << detail::python_float(options.eps()) << ", momentum="
         << (options.momentum() ? detail::python_float(*options.momentum()) : std::string("None"))
         << ", affine=" << detail::python_bool(options.affine())
         << ", track_running_stats=" << detail::python_bool(options.track_running_stats()) << ")";
}

template <size_t D>
Tensor BatchNormImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) {
    EMBER_CHECK(input.defined() && (input.dim() == 2 || input.dim() == 3),
                "expected 2D or 3D input (got {}D input)", input.defined() ? input.dim() : 0);
  } else {
    EMBER_CHECK(input.defined() && input.dim() == 4, "expected 4D input (got {}D input)",
                input.defined() ? input.dim() : 0);
  }
  double factor = options.momentum().value_or(0.0);
  if (this->is_training() && options.track_running_stats()) {
    {
      NoGradGuard no_grad;
      num_batches_tracked.add_(1);
    }
    if (!options.momentum()) {
      factor = 1.0 / static_cast<double>(num_batches_tracked.template item<int64_t>());
    }
  }
  // Batch statistics in training, and in eval without running statistics.
  const bool use_batch_stats = this->is_training() || !options.track_running_stats();
  return functional::batch_norm(input,
                                use_batch_stats && !this->is_training() ? Tensor() : running_mean,
                                use_batch_stats && !this->is_training() ? Tensor() : running_var,
                                functional::BatchNormFuncOptions()
                                    .weight(weight)
                                    .bias(bias)
                                    .training(use_batch_stats)
                                    .momentum(factor)
                                    .eps(options.eps()));
}

template class BatchNormImpl<1>;
template class BatchNormImpl<2>;

namespace functional {

Tensor batch_norm(const Tensor& input, const Tensor& running_mean, const Tensor& running_var,
                  const BatchNormFuncOptions& o) {
  return ember::batch_norm(input, o.weight(), o.bias(), running_mean, running_var, o.training(),
                           o.momentum().value_or(0.0), o.eps());
}

}  // namespace functional
}  // namespace ember::nn
