// clip_grad_norm_ and clip_grad_value_ as PyTorch's: the total norm is the norm of the
// per-gradient norms (so one formula covers 2, p, inf and 0), the scale factor stays a tensor
// in the gradients' dtype, and the gradients change in place without recording.

#include "ember/nn/utils/ClipGrad.h"

#include <cmath>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "nn/PythonFormat.h"

namespace ember::nn::utils {

double clip_grad_norm_(std::vector<Tensor> parameters, double max_norm, double norm_type,
                       bool error_if_nonfinite) {
  NoGradGuard no_grad;
  std::vector<Tensor> grads;
  for (const Tensor& parameter : parameters) {
    if (parameter.grad().defined()) grads.push_back(parameter.grad());
  }
  if (grads.empty()) return 0.0;

  std::vector<Tensor> norms;
  norms.reserve(grads.size());
  const Device first_device = grads.front().device();
  for (const Tensor& grad : grads) norms.push_back(grad.norm(norm_type).to(first_device));
  const Tensor total_norm = ember::stack(norms).norm(norm_type);
  const double total = total_norm.item<double>();
  EMBER_CHECK(!error_if_nonfinite || std::isfinite(total),
              "The total norm of order {} for gradients from `parameters` is non-finite, so it "
              "cannot be clipped. To disable this error and scale the gradients by the "
              "non-finite norm anyway, set `error_if_nonfinite=false`",
              detail::python_float(norm_type));
  const Tensor clip_coef = ember::clamp(max_norm / (total_norm + 1e-6), std::nullopt, 1.0);
  for (Tensor& grad : grads) grad.mul_(clip_coef.to(grad.device()));
  return total;
}

double clip_grad_norm_(std::initializer_list<Tensor> parameters, double max_norm, double norm_type,
                       bool error_if_nonfinite) {
  return clip_grad_norm_(std::vector<Tensor>(parameters), max_norm, norm_type, error_if_nonfinite);
}

double clip_grad_norm_(Tensor parameter, double max_norm, double norm_type,
                       bool error_if_nonfinite) {
  return clip_grad_norm_(std::vector<Tensor>{std::move(parameter)}, max_norm, norm_type,
                         error_if_nonfinite);
}

void clip_grad_value_(std::vector<Tensor> parameters, double clip_value) {
  NoGradGuard no_grad;
  for (Tensor& parameter : parameters) {
    if (parameter.grad().defined()) parameter.mutable_grad().clamp_(-clip_value, clip_value);
  }
}

void clip_grad_value_(std::initializer_list<Tensor> parameters, double clip_value) {
  clip_grad_value_(std::vector<Tensor>(parameters), clip_value);
}

void clip_grad_value_(Tensor parameter, double clip_value) {
  clip_grad_value_(std::vector<Tensor>{std::move(parameter)}, clip_value);
}

}  // namespace ember::nn::utils
