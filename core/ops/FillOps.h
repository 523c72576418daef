#pragma once

// Autograd-free bodies of the in-place fills (core/ops/Fill.cpp, core/ops/Random.cpp); the
// public ones, which go through InplaceGuard, are in core/api/Fill.cpp. The bodies neither
// check autograd's in-place rules nor bump the version counter: the guard does both.

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor& fill_(Tensor& self, const Scalar& value);
/// `value` is 0-d (checked by the caller).
Tensor& fill_(Tensor& self, const Tensor& value);
Tensor& zero_(Tensor& self);
Tensor& uniform_(Tensor& self, double from, double to);
Tensor& normal_(Tensor& self, double mean, double std);

}  // namespace ember::native
