#pragma once

// Autograd-free bodies of the math family (public front ends in core/api/Math.cpp and
// core/api/MathActivation.cpp). Internal code that must not record calls these.

#include <optional>

#include "ember/core/Tensor.h"

namespace ember::native {

#define EMBER_NATIVE_MATH_UNARY(name) \
  Tensor name(const Tensor& t);       \
  Tensor& name##_(Tensor& self);
EMBER_NATIVE_MATH_UNARY(erf)
EMBER_NATIVE_MATH_UNARY(erfc)
EMBER_NATIVE_MATH_UNARY(erfinv)
EMBER_NATIVE_MATH_UNARY(asin)
EMBER_NATIVE_MATH_UNARY(acos)
EMBER_NATIVE_MATH_UNARY(atan)
EMBER_NATIVE_MATH_UNARY(sinh)
EMBER_NATIVE_MATH_UNARY(cosh)
EMBER_NATIVE_MATH_UNARY(asinh)
EMBER_NATIVE_MATH_UNARY(acosh)
EMBER_NATIVE_MATH_UNARY(atanh)
EMBER_NATIVE_MATH_UNARY(tan)
EMBER_NATIVE_MATH_UNARY(expm1)
EMBER_NATIVE_MATH_UNARY(log2)
EMBER_NATIVE_MATH_UNARY(log10)
EMBER_NATIVE_MATH_UNARY(exp2)
EMBER_NATIVE_MATH_UNARY(trunc)
EMBER_NATIVE_MATH_UNARY(frac)
EMBER_NATIVE_MATH_UNARY(silu)
EMBER_NATIVE_MATH_UNARY(mish)
EMBER_NATIVE_MATH_UNARY(log_sigmoid)
#undef EMBER_NATIVE_MATH_UNARY

// Binary ops with a tensor or a number as the second operand, out of place and in place.
#define EMBER_NATIVE_MATH_BINARY(name)            \
  Tensor name(const Tensor& a, const Tensor& b);  \
  Tensor name(const Tensor& a, const Scalar& b);  \
  Tensor& name##_(Tensor& self, const Tensor& b); \
  Tensor& name##_(Tensor& self, const Scalar& b);
EMBER_NATIVE_MATH_BINARY(remainder)
EMBER_NATIVE_MATH_BINARY(fmod)
EMBER_NATIVE_MATH_BINARY(floor_divide)
#undef EMBER_NATIVE_MATH_BINARY

Tensor atan2(const Tensor& a, const Tensor& b);
Tensor& atan2_(Tensor& self, const Tensor& b);
Tensor hypot(const Tensor& a, const Tensor& b);
Tensor& hypot_(Tensor& self, const Tensor& b);

/// weight is a tensor of start's dtype (a number becomes a 0-d one).
Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight);
Tensor& lerp_(Tensor& self, const Tensor& end, const Tensor& weight);
Tensor addcmul(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
               const Scalar& value);
Tensor addcdiv(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
               const Scalar& value);
Tensor nan_to_num(const Tensor& t, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf);
Tensor& nan_to_num_(Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                    std::optional<double> neginf);
Tensor softplus(const Tensor& t, const Scalar& beta, const Scalar& threshold);
Tensor elu(const Tensor& t, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale);
Tensor& elu_(Tensor& self, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale);
Tensor hardtanh(const Tensor& t, const Scalar& min_val, const Scalar& max_val);
Tensor& hardtanh_(Tensor& self, const Scalar& min_val, const Scalar& max_val);

}  // namespace ember::native
