#pragma once

// Autograd-free bodies of add, sub, rsub, mul and div: what the public functions run once they
// have recorded (core/api/Arithmetic.cpp). Internal code that must not record calls these.

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha);
Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha);
Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha);
Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Scalar& b);
Tensor div(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Scalar& b);
Tensor div(const Scalar& a, const Tensor& b);
Tensor& add_(Tensor& self, const Tensor& other, const Scalar& alpha);
Tensor& add_(Tensor& self, const Scalar& other, const Scalar& alpha);
Tensor& sub_(Tensor& self, const Tensor& other, const Scalar& alpha);
Tensor& sub_(Tensor& self, const Scalar& other, const Scalar& alpha);
Tensor& mul_(Tensor& self, const Tensor& other);
Tensor& mul_(Tensor& self, const Scalar& other);
Tensor& div_(Tensor& self, const Tensor& other);
Tensor& div_(Tensor& self, const Scalar& other);

}  // namespace ember::native
