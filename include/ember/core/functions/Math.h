#pragma once

// The math family, as ATen's functions of the same names: inverse and hyperbolic
// trigonometry, erf and relatives, exp2 / log2 / log10 / expm1, trunc / frac, atan2, hypot,
// Python's remainder and floor division, C's fmod, lerp, addcmul / addcdiv, the floating-point
// class tests, nan_to_num, xor and the bit shifts, and the activations softplus, silu, mish,
// elu, selu, hardtanh and log_sigmoid. Floating functions turn integer and bool inputs into
// the default float dtype.

#include <optional>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember {

#define EMBER_DECLARE_MATH_UNARY(name)    \
  EMBER_API Tensor name(const Tensor& t); \
  EMBER_API Tensor& name##_(Tensor& t);
EMBER_DECLARE_MATH_UNARY(erf)
EMBER_DECLARE_MATH_UNARY(erfc)
/// Inverse of erf on [-1, 1] (+-inf at +-1, NaN outside).
EMBER_DECLARE_MATH_UNARY(erfinv)
EMBER_DECLARE_MATH_UNARY(asin)
EMBER_DECLARE_MATH_UNARY(acos)
EMBER_DECLARE_MATH_UNARY(atan)
EMBER_DECLARE_MATH_UNARY(sinh)
EMBER_DECLARE_MATH_UNARY(cosh)
EMBER_DECLARE_MATH_UNARY(asinh)
EMBER_DECLARE_MATH_UNARY(acosh)
EMBER_DECLARE_MATH_UNARY(atanh)
EMBER_DECLARE_MATH_UNARY(tan)
EMBER_DECLARE_MATH_UNARY(expm1)
EMBER_DECLARE_MATH_UNARY(log2)
EMBER_DECLARE_MATH_UNARY(log10)
EMBER_DECLARE_MATH_UNARY(exp2)
/// Rounds towards zero; the identity on integers.
EMBER_DECLARE_MATH_UNARY(trunc)
/// x - trunc(x), floating types only.
EMBER_DECLARE_MATH_UNARY(frac)
#undef EMBER_DECLARE_MATH_UNARY

/// atan(a / b) in the quadrant of (b, a).
EMBER_API Tensor atan2(const Tensor& a, const Tensor& b);
/// sqrt(a^2 + b^2) without overflow; floating types only.
EMBER_API Tensor hypot(const Tensor& a, const Tensor& b);
/// Python's a % b (the sign of b). Integer division by zero throws "ZeroDivisionError" on
/// the CPU.
EMBER_API Tensor remainder(const Tensor& a, const Tensor& b);
EMBER_API Tensor remainder(const Tensor& a, const Scalar& b);
EMBER_API Tensor remainder(const Scalar& a, const Tensor& b);
/// C's fmod (the sign of a).
EMBER_API Tensor fmod(const Tensor& a, const Tensor& b);
EMBER_API Tensor fmod(const Tensor& a, const Scalar& b);
/// Python's a // b (rounds towards -inf); not differentiable.
EMBER_API Tensor floor_divide(const Tensor& a, const Tensor& b);
EMBER_API Tensor floor_divide(const Tensor& a, const Scalar& b);
/// div under another name.
EMBER_API Tensor true_divide(const Tensor& a, const Tensor& b);
EMBER_API Tensor true_divide(const Tensor& a, const Scalar& b);
/// start + weight * (end - start).
EMBER_API Tensor lerp(const Tensor& start, const Tensor& end, const Scalar& weight);
EMBER_API Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight);
/// self + value * t1 * t2.
EMBER_API Tensor addcmul(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
                         const Scalar& value = 1);
/// self + value * t1 / t2 (not for integer tensors).
EMBER_API Tensor addcdiv(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
                         const Scalar& value = 1);
EMBER_API Tensor isinf(const Tensor& t);
EMBER_API Tensor isfinite(const Tensor& t);
/// NaN, +inf and -inf replaced (by 0, the dtype's largest and lowest finite values unless
/// given).
EMBER_API Tensor nan_to_num(const Tensor& t, std::optional<double> nan = std::nullopt,
                            std::optional<double> posinf = std::nullopt,
                            std::optional<double> neginf = std::nullopt);
EMBER_API Tensor& nan_to_num_(Tensor& t, std::optional<double> nan = std::nullopt,
                              std::optional<double> posinf = std::nullopt,
                              std::optional<double> neginf = std::nullopt);
EMBER_API Tensor logical_xor(const Tensor& a, const Tensor& b);
/// Integers and bool only.
EMBER_API Tensor bitwise_xor(const Tensor& a, const Tensor& b);
EMBER_API Tensor bitwise_xor(const Tensor& a, const Scalar& b);
/// Integers only; shifts below 0 or of the width or more give 0 (left) or the sign (right).
EMBER_API Tensor bitwise_left_shift(const Tensor& a, const Tensor& b);
EMBER_API Tensor bitwise_left_shift(const Tensor& a, const Scalar& b);
EMBER_API Tensor bitwise_left_shift(const Scalar& a, const Tensor& b);
EMBER_API Tensor bitwise_right_shift(const Tensor& a, const Tensor& b);
EMBER_API Tensor bitwise_right_shift(const Tensor& a, const Scalar& b);
EMBER_API Tensor bitwise_right_shift(const Scalar& a, const Tensor& b);

// ---- Activations (floating types) ---------------------------------------------------------
/// log(1 + exp(beta x)) / beta; x where beta x > threshold.
EMBER_API Tensor softplus(const Tensor& t, const Scalar& beta = 1, const Scalar& threshold = 20);
/// x * sigmoid(x).
EMBER_API Tensor silu(const Tensor& t);
EMBER_API Tensor& silu_(Tensor& t);
/// x * tanh(softplus(x)).
EMBER_API Tensor mish(const Tensor& t);
EMBER_API Tensor& mish_(Tensor& t);
/// scale * x for x > 0, alpha * scale * (exp(input_scale * x) - 1) otherwise.
EMBER_API Tensor elu(const Tensor& t, const Scalar& alpha = 1, const Scalar& scale = 1,
                     const Scalar& input_scale = 1);
EMBER_API Tensor& elu_(Tensor& t, const Scalar& alpha = 1, const Scalar& scale = 1,
                       const Scalar& input_scale = 1);
/// elu with SELU's fixed alpha and scale.
EMBER_API Tensor selu(const Tensor& t);
EMBER_API Tensor& selu_(Tensor& t);
/// clamp(x, min_val, max_val) with hardtanh's gradient.
EMBER_API Tensor hardtanh(const Tensor& t, const Scalar& min_val = -1, const Scalar& max_val = 1);
EMBER_API Tensor& hardtanh_(Tensor& t, const Scalar& min_val = -1, const Scalar& max_val = 1);
/// log(sigmoid(x)), computed without overflow.
EMBER_API Tensor log_sigmoid(const Tensor& t);

}  // namespace ember
