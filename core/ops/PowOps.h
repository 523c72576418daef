#pragma once

// Autograd-free bodies of pow in its three forms and pow_ (public front ends in
// core/api/Pow.cpp).

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor pow(const Tensor& base, const Tensor& exponent);
Tensor pow(const Tensor& base, const Scalar& exponent);
Tensor pow(const Scalar& base, const Tensor& exponent);
Tensor& pow_(Tensor& self, const Tensor& exponent);
Tensor& pow_(Tensor& self, const Scalar& exponent);

}  // namespace ember::native
