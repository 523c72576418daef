#pragma once

// Autograd-free bodies of tanh_backward, sigmoid_backward and threshold_backward (public front
// ends in core/api/ActivationBackward.cpp).

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor tanh_backward(const Tensor& grad_output, const Tensor& output);
Tensor sigmoid_backward(const Tensor& grad_output, const Tensor& output);
Tensor threshold_backward(const Tensor& grad_output, const Tensor& self, const Scalar& threshold);

}  // namespace ember::native
