#pragma once

// Autograd-free bodies of the copies (core/ops/Conversion.cpp); the public to(), clone() and
// copy_() are in core/api/Conversion.cpp.

#include "ember/core/Tensor.h"

namespace ember::native {

/// A new tensor with self's values on `device` (resolved) as `dtype`.
Tensor to_copy(const Tensor& self, Device device, Dtype dtype, bool non_blocking);
Tensor clone(const Tensor& self);
/// Copies src (broadcast to self's shape, converted) into self; neither checks autograd's
/// in-place rules nor bumps the version counter (InplaceGuard does both).
Tensor& copy_(Tensor& self, const Tensor& src, bool non_blocking);

}  // namespace ember::native
