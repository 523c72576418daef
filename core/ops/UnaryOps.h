#pragma once

// Autograd-free bodies of the unary elementwise ops, the activations and softmax /
// log_softmax: what the public functions run once they have recorded (core/api/Unary.cpp,
// core/api/Activation.cpp). Internal code that must not record calls these.

#include <optional>
#include <string_view>

#include "ember/core/Tensor.h"

namespace ember::native {

#define EMBER_NATIVE_UNARY(name) \
  Tensor name(const Tensor& t);  \
  Tensor& name##_(Tensor& self);
EMBER_NATIVE_UNARY(neg)
EMBER_NATIVE_UNARY(abs)
EMBER_NATIVE_UNARY(sqrt)
EMBER_NATIVE_UNARY(rsqrt)
EMBER_NATIVE_UNARY(exp)
EMBER_NATIVE_UNARY(log)
EMBER_NATIVE_UNARY(log1p)
EMBER_NATIVE_UNARY(sin)
EMBER_NATIVE_UNARY(cos)
EMBER_NATIVE_UNARY(tanh)
EMBER_NATIVE_UNARY(sigmoid)
EMBER_NATIVE_UNARY(relu)
EMBER_NATIVE_UNARY(reciprocal)
EMBER_NATIVE_UNARY(sign)
EMBER_NATIVE_UNARY(floor)
EMBER_NATIVE_UNARY(ceil)
EMBER_NATIVE_UNARY(round)
#undef EMBER_NATIVE_UNARY

Tensor gelu(const Tensor& t, std::string_view approximate);
Tensor leaky_relu(const Tensor& t, const Scalar& negative_slope);
Tensor softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype);
Tensor log_softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype);

}  // namespace ember::native
