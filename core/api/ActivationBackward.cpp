// Public tanh_backward, sigmoid_backward and threshold_backward: the functions the tanh,
// sigmoid and relu nodes call, recorded in turn so that double backward goes through them
// (TanhBackwardBackward0, ... as in PyTorch).

#include "core/AutogradHooks.h"
#include "core/ops/ActivationBackwardOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;

namespace {

template <class Body>
Tensor record_backward(GradOp op, const Tensor& grad_output, const Tensor& saved, Body&& body,
                       detail::OpAttrs attrs = {}) {
  if (!detail::should_record(grad_output, saved)) return body();
  Tensor out = detail::below_autograd(body);
  detail::record(op, {grad_output, saved}, out, std::move(attrs));
  return out;
}

}  // namespace

Tensor tanh_backward(const Tensor& grad_output, const Tensor& output) {
  return record_backward(GradOp::tanh_backward, grad_output, output,
                         [&] { return native::tanh_backward(grad_output, output); });
}

Tensor sigmoid_backward(const Tensor& grad_output, const Tensor& output) {
  return record_backward(GradOp::sigmoid_backward, grad_output, output,
                         [&] { return native::sigmoid_backward(grad_output, output); });
}

// threshold_backward: scalar0 = threshold.
Tensor threshold_backward(const Tensor& grad_output, const Tensor& self, const Scalar& threshold) {
  detail::OpAttrs attrs;
  attrs.scalar0 = threshold;
  return record_backward(
      GradOp::threshold_backward, grad_output, self,
      [&] { return native::threshold_backward(grad_output, self, threshold); }, std::move(attrs));
}

}  // namespace ember
