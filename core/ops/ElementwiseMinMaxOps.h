#pragma once

// Autograd-free bodies of the elementwise maximum / minimum and of clamp, clamp_min,
// clamp_max and their in-place forms (public front ends in core/api/ElementwiseMinMax.cpp).

#include <optional>

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);
Tensor clamp(const Tensor& t, const std::optional<Scalar>& min, const std::optional<Scalar>& max);
Tensor clamp_min(const Tensor& t, const Scalar& min);
Tensor clamp_max(const Tensor& t, const Scalar& max);
Tensor& clamp_(Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max);
Tensor& clamp_min_(Tensor& self, const Scalar& min);
Tensor& clamp_max_(Tensor& self, const Scalar& max);

}  // namespace ember::native
