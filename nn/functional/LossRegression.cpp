// The regression losses: mse_loss, l1_loss, huber_loss and smooth_l1_loss. Each is a
// composite of public ops (autograd, second derivatives included, come from theirs) computing
// what PyTorch's kernels compute, in the same order of operations.

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/functional/Loss.h"
#include "nn/functional/LossReduction.h"

namespace ember {

Tensor mse_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  nn::detail::check_reduction(reduction);
  nn::detail::check_floating(result_type(self, target), "mse_cpu");
  return nn::detail::apply_loss_reduction((self - target).square(), reduction);
}

Tensor l1_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  nn::detail::check_reduction(reduction);
  return nn::detail::apply_loss_reduction((self - target).abs(), reduction);
}

Tensor huber_loss(const Tensor& self, const Tensor& target, int64_t reduction, double delta) {
  nn::detail::check_reduction(reduction);
  EMBER_CHECK(delta > 0, "huber_loss does not support non-positive values for delta.");
  nn::detail::check_floating(result_type(self, target), "huber_cpu");
  // PyTorch writes the loss into a tensor like the input: computed in the promoted dtype,
  // stored in the input's.
  EMBER_CHECK(can_cast(result_type(self, target), self.dtype()),
              "result type {} can't be cast to the desired output type {}",
              result_type(self, target), self.dtype());
  const Tensor diff = self - target;
  const Tensor z = diff.abs();
  const Tensor loss =
      where(z < delta, diff * 0.5 * diff, (z - 0.5 * delta) * delta).to(self.dtype());
  return nn::detail::apply_loss_reduction(loss, reduction);
}

Tensor smooth_l1_loss(const Tensor& self, const Tensor& target, int64_t reduction, double beta) {
  nn::detail::check_reduction(reduction);
  EMBER_CHECK(beta >= 0, "smooth_l1_loss does not support negative values for beta.");
  if (beta == 0) return l1_loss(self, target, reduction);
  nn::detail::check_floating(result_type(self, target), "smooth_l1_cpu");
  const Tensor diff = self - target;
  const Tensor z = diff.abs();
  const Tensor loss = where(z < beta, diff * 0.5 * diff / beta, z - 0.5 * beta);
  return nn::detail::apply_loss_reduction(loss, reduction);
}

namespace nn::functional {

// Python's forms broadcast input and target (warning when their sizes differ); the
// elementwise ops above broadcast the same way.

Tensor mse_loss(const Tensor& input, const Tensor& target, const MSELossFuncOptions& options) {
  return ember::mse_loss(input, target, enumtype::reduction_get_enum(options.reduction()));
}

Tensor l1_loss(const Tensor& input, const Tensor& target, const L1LossFuncOptions& options) {
  return ember::l1_loss(input, target, enumtype::reduction_get_enum(options.reduction()));
}

Tensor huber_loss(const Tensor& input, const Tensor& target, const HuberLossFuncOptions& options) {
  return ember::huber_loss(input, target, enumtype::reduction_get_enum(options.reduction()),
                           options.delta());
}

Tensor smooth_l1_loss(const Tensor& input, const Tensor& target,
                      const SmoothL1LossFuncOptions& options, std::optional<double> beta) {
  return ember::smooth_l1_loss(input, target, enumtype::reduction_get_enum(options.reduction()),
                               beta.value_or(options.beta()));
}

}  // namespace nn::functional
}  // namespace ember
