// The activations' fused backward ops: broadcast and promote like any binary op, then one
// kernel pass (kernels/ActivationBackward.h). Floating dtypes only.

#include "core/ops/ActivationBackwardOps.h"
#include "core/ops/ElementwiseOps.h"
#include "ember/core/Functions.h"

namespace ember::native {

using detail::Kernel;
using detail::ResultKind;

Tensor tanh_backward(const Tensor& grad_output, const Tensor& output) {
  return detail::binary_op<Kernel::tanh_backward>("tanh_backward", grad_output, output,
                                                  ResultKind::kCommon);
}

Tensor sigmoid_backward(const Tensor& grad_output, const Tensor& output) {
  return detail::binary_op<Kernel::sigmoid_backward>("sigmoid_backward", grad_output, output,
                                                     ResultKind::kCommon);
}

Tensor threshold_backward(const Tensor& grad_output, const Tensor& self, const Scalar& threshold) {
  const Dtype common = result_type(grad_output, self);
  if (is_floating_type(common)) detail::check_scalar_fits(threshold, common, "threshold_backward");
  return detail::binary_op<Kernel::threshold_backward>("threshold_backward", grad_output, self,
                                                       ResultKind::kCommon, threshold, Scalar(0));
}

}  // namespace ember::native
