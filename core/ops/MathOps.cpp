// Autograd-free bodies of the math family. Floating functions (erf, asin, atan2, ...) turn
// integer and bool inputs into the default float dtype; remainder, fmod and floor_divide keep
// the promoted dtype and, as PyTorch's CPU kernels, refuse an integer divisor of zero.

#include <cmath>
#include <limits>

#include "core/ops/ElementwiseMinMaxOps.h"
#include "core/ops/ElementwiseOps.h"
#include "core/ops/FloatLimits.h"
#include "core/ops/MathOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::Kernel;
using detail::ResultKind;

namespace {

// PyTorch's CPU kernels throw this bare message for an integer division by zero; its CUDA
// kernels do not check (there is no cheap way to), and neither do Ember's.
void check_integer_divisor(const Tensor& a, const Tensor& divisor, Dtype common) {
  if (!is_integral_type(common, false) || a.device().type() != kCPU ||
      divisor.device().type() != kCPU) {
    return;
  }
  EMBER_CHECK(!ember::eq(divisor, 0).any().item<bool>(), "ZeroDivisionError");
}
void check_integer_divisor(const Tensor& a, const Scalar& divisor, Dtype common) {
  if (!is_integral_type(common, false) || a.device().type() != kCPU) return;
  EMBER_CHECK(!divisor.equal(0), "ZeroDivisionError");
}

struct NanToNumValues {
  Scalar nan, posinf, neginf;
};
NanToNumValues nan_to_num_values(Dtype d, std::optional<double> nan, std::optional<double> posinf,
                                 std::optional<double> neginf) {
  return {Scalar(nan.value_or(0.0)), Scalar(posinf.value_or(detail::float_max(d))),
          Scalar(neginf.value_or(-detail::float_max(d)))};
}

void check_lerp(const Tensor& start, const Tensor& end, const Tensor& weight) {
  EMBER_CHECK(start.dtype() == end.dtype(), "expected dtype {} for `end` but got dtype {}",
              start.dtype(), end.dtype());
  EMBER_CHECK(start.dtype() == weight.dtype(), "expected dtype {} for `weight` but got dtype {}",
              start.dtype(), weight.dtype());
}

// In-place forms of the ops without a backward: the result written into self by copy_, which
// makes the in-place checks and bumps the version counter.
Tensor& assign_result(Tensor& self, const Tensor& result, const char* op) {
  EMBER_CHECK(can_cast(result.dtype(), self.dtype()),
              "{}: result type {} can't be cast to the desired output type {}", op, result.dtype(),
              self.dtype());
  EMBER_CHECK(result.sizes() == self.sizes(),
              "{}: output with shape {} doesn't match the broadcast shape {}", op, self.sizes(),
              result.sizes());
  return self.copy_(result);
}

void no_check(const char* /*op*/, Dtype /*dtype*/) {}

void check_hardtanh(const Scalar& min_val, const Scalar& max_val) {
  EMBER_CHECK(!(min_val.to<double>() > max_val.to<double>()),
              "min_val cannot be greater than max_val");
}

}  // namespace

namespace native {

// Floating functions: integers and bool become the default float dtype.
#define EMBER_DEFINE_FLOATING_UNARY(name)                                           \
  Tensor name(const Tensor& t) {                                                    \
    return detail::unary_op<Kernel::name>(#name, t, ResultKind::kFloating);         \
  }                                                                                 \
  Tensor& name##_(Tensor& self) {                                                   \
    return detail::unary_op_<Kernel::name>(#name "_", self, ResultKind::kFloating); \
  }
EMBER_DEFINE_FLOATING_UNARY(erf)
EMBER_DEFINE_FLOATING_UNARY(erfc)
EMBER_DEFINE_FLOATING_UNARY(erfinv)
EMBER_DEFINE_FLOATING_UNARY(asin)
EMBER_DEFINE_FLOATING_UNARY(acos)
EMBER_DEFINE_FLOATING_UNARY(atan)
EMBER_DEFINE_FLOATING_UNARY(sinh)
EMBER_DEFINE_FLOATING_UNARY(cosh)
EMBER_DEFINE_FLOATING_UNARY(asinh)
EMBER_DEFINE_FLOATING_UNARY(acosh)
EMBER_DEFINE_FLOATING_UNARY(atanh)
EMBER_DEFINE_FLOATING_UNARY(tan)
EMBER_DEFINE_FLOATING_UNARY(expm1)
EMBER_DEFINE_FLOATING_UNARY(log2)
EMBER_DEFINE_FLOATING_UNARY(log10)
EMBER_DEFINE_FLOATING_UNARY(exp2)
#undef EMBER_DEFINE_FLOATING_UNARY

// Floating types only, as PyTorch's kernels (the dtype dispatch names the op for others).
#define EMBER_DEFINE_SAME_DTYPE_UNARY(name)                                       \
  Tensor name(const Tensor& t) {                                                  \
    return detail::unary_op<Kernel::name>(#name, t, ResultKind::kCommon);         \
  }                                                                               \
  Tensor& name##_(Tensor& self) {                                                 \
    return detail::unary_op_<Kernel::name>(#name "_", self, ResultKind::kCommon); \
  }
EMBER_DEFINE_SAME_DTYPE_UNARY(frac)
EMBER_DEFINE_SAME_DTYPE_UNARY(silu)
EMBER_DEFINE_SAME_DTYPE_UNARY(mish)
EMBER_DEFINE_SAME_DTYPE_UNARY(log_sigmoid)
#undef EMBER_DEFINE_SAME_DTYPE_UNARY

// trunc is the identity on integers (a copy; in place, nothing to write), as floor.
Tensor trunc(const Tensor& t) {
  if (is_integral_type(t.dtype(), false)) return t.clone();
  return detail::unary_op<Kernel::trunc>("trunc", t, ResultKind::kCommon);
}
Tensor& trunc_(Tensor& self) {
  if (is_integral_type(self.dtype(), false)) return self;
  return detail::unary_op_<Kernel::trunc>("trunc_", self, ResultKind::kCommon);
}

Tensor atan2(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::atan2>("atan2", a, b, ResultKind::kFloating);
}
Tensor& atan2_(Tensor& self, const Tensor& b) {
  return detail::binary_op_<Kernel::atan2>("atan2_", self, b, ResultKind::kFloating);
}
Tensor hypot(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::hypot>("hypot", a, b, ResultKind::kCommon);
}
Tensor& hypot_(Tensor& self, const Tensor& b) {
  return detail::binary_op_<Kernel::hypot>("hypot_", self, b, ResultKind::kCommon);
}

// The divisions: the promoted dtype, integer divisors checked on the CPU.
#define EMBER_DEFINE_DIVISION(name)                                                   \
  Tensor name(const Tensor& a, const Tensor& b) {                                     \
    check_integer_divisor(a, b, result_type(a, b));                                   \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kCommon);         \
  }                                                                                   \
  Tensor name(const Tensor& a, const Scalar& b) {                                     \
    check_integer_divisor(a, b, result_type(a, b));                                   \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kCommon);         \
  }                                                                                   \
  Tensor& name##_(Tensor& self, const Tensor& b) {                                    \
    check_integer_divisor(self, b, result_type(self, b));                             \
    return detail::binary_op_<Kernel::name>(#name "_", self, b, ResultKind::kCommon); \
  }                                                                                   \
  Tensor& name##_(Tensor& self, const Scalar& b) {                                    \
    check_integer_divisor(self, b, result_type(self, b));                             \
    return detail::binary_op_<Kernel::name>(#name "_", self, b, ResultKind::kCommon); \
  }
EMBER_DEFINE_DIVISION(remainder)
EMBER_DEFINE_DIVISION(fmod)
EMBER_DEFINE_DIVISION(floor_divide)
#undef EMBER_DEFINE_DIVISION

Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight) {
  check_lerp(start, end, weight);
  detail::TensorIterator iter = detail::TensorIteratorConfig()
                                    .op_name("lerp")
                                    .add_output(Tensor())
                                    .add_input(start)
                                    .add_input(end)
                                    .add_input(weight)
                                    .allow_cpu_scalars()
                                    .build();
  detail::get_kernel<Kernel::lerp>(iter.device().type())(iter);
  return iter.output();
}

Tensor& lerp_(Tensor& self, const Tensor& end, const Tensor& weight) {
  check_lerp(self, end, weight);
  detail::TensorIterator iter = detail::TensorIteratorConfig()
                                    .op_name("lerp_")
                                    .add_output(self)
                                    .add_input(self)
                                    .add_input(end)
                                    .add_input(weight)
                                    .allow_cpu_scalars()
                                    .build();
  detail::get_kernel<Kernel::lerp>(iter.device().type())(iter);
  return self;
}

// (value * tensor1) * tensor2 and (value * tensor1) / tensor2 in the promoted dtype, the order
// of PyTorch's kernels, then added to self.
Tensor addcmul(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
               const Scalar& value) {
  return ember::add(self, ember::mul(ember::mul(tensor1, value), tensor2));
}

Tensor addcdiv(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,
               const Scalar& value) {
  EMBER_CHECK(!(is_integral_type(tensor1.dtype(), true) && is_integral_type(tensor2.dtype(), true)),
              "Integer division with addcdiv is no longer supported, and in a future release "
              "addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv "
              "behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2))."
              "to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) "
              "for float inputs. The future addcdiv behavior is just the latter implementation: "
              "(input + value * tensor1 / tensor2), for all dtypes.");
  return ember::add(self, ember::div(ember::mul(tensor1, value), tensor2));
}

// Integers and bool have nothing to replace: a copy, as PyTorch.
Tensor nan_to_num(const Tensor& t, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  if (!is_floating_type(t.dtype())) return t.clone();
  const NanToNumValues v = nan_to_num_values(t.dtype(), nan, posinf, neginf);
  return detail::unary_op<Kernel::nan_to_num>("nan_to_num", t, ResultKind::kCommon, v.nan, v.posinf,
                                              v.neginf);
}

Tensor& nan_to_num_(Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                    std::optional<double> neginf) {
  if (!is_floating_type(self.dtype())) return self;
  const NanToNumValues v = nan_to_num_values(self.dtype(), nan, posinf, neginf);
  return detail::unary_op_<Kernel::nan_to_num>("nan_to_num_", self, ResultKind::kCommon, v.nan,
                                               v.posinf, v.neginf);
}

Tensor softplus(const Tensor& t, const Scalar& beta, const Scalar& threshold) {
  return detail::unary_op<Kernel::softplus>("softplus", t, ResultKind::kCommon, beta, threshold);
}

Tensor elu(const Tensor& t, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale) {
  return detail::unary_op<Kernel::elu>("elu", t, ResultKind::kCommon, alpha, scale, input_scale);
}
Tensor& elu_(Tensor& self, const Scalar& alpha, const Scalar& scale, const Scalar& input_scale) {
  return detail::unary_op_<Kernel::elu>("elu_", self, ResultKind::kCommon, alpha, scale,
                                        input_scale);
}

// hardtanh is clamp (PyTorch's forward calls clamp too); only its gradient differs.
Tensor hardtanh(const Tensor& t, const Scalar& min_val, const Scalar& max_val) {
  check_hardtanh(min_val, max_val);
  return native::clamp(t, min_val, max_val);
}
Tensor& hardtanh_(Tensor& self, const Scalar& min_val, const Scalar& max_val) {
  check_hardtanh(min_val, max_val);
  return native::clamp_(self, min_val, max_val);
}

}  // namespace native

// ---- Not differentiable: no autograd front end --------------------------------------------

Tensor floor_divide(const Tensor& a, const Tensor& b) { return native::floor_divide(a, b); }
Tensor floor_divide(const Tensor& a, const Scalar& b) { return native::floor_divide(a, b); }
Tensor Tensor::floor_divide(const Tensor& other) const {
  return native::floor_divide(*this, other);
}
Tensor Tensor::floor_divide(const Scalar& other) const {
  return native::floor_divide(*this, other);
}
Tensor& Tensor::floor_divide_(const Tensor& other) {
  return assign_result(*this, native::floor_divide(*this, other), "floor_divide_");
}
Tensor& Tensor::floor_divide_(const Scalar& other) {
  return assign_result(*this, native::floor_divide(*this, other), "floor_divide_");
}

// isinf / isfinite: floating-point classes; integers and bool are always finite.
Tensor isinf(const Tensor& t) {
  if (!is_floating_type(t.dtype()))
    return zeros(t.sizes(), TensorOptions().dtype(kBool).device(t.device()));
  return ember::eq(ember::abs(t), std::numeric_limits<double>::infinity());
}
Tensor Tensor::isinf() const { return ember::isinf(*this); }

Tensor isfinite(const Tensor& t) {
  if (!is_floating_type(t.dtype()))
    return ones(t.sizes(), TensorOptions().dtype(kBool).device(t.device()));
  // x - x is 0 for finite x and NaN for NaN and +-inf.
  return ember::eq(ember::sub(t, t), 0);
}
Tensor Tensor::isfinite() const { return ember::isfinite(*this); }

Tensor logical_xor(const Tensor& a, const Tensor& b) {
  return detail::binary_op<Kernel::logical_xor>("logical_xor", a, b, ResultKind::kBool);
}
Tensor Tensor::logical_xor(const Tensor& other) const { return ember::logical_xor(*this, other); }
Tensor& Tensor::logical_xor_(const Tensor& other) {
  // The bool result is written back in self's dtype (1 / 0), as PyTorch; copy_ makes the
  // in-place checks.
  return copy_(ember::logical_xor(*this, other));
}

// Bitwise ops: integer and bool tensors (shifts: integers only, by the kernels' dtypes).
#define EMBER_DEFINE_BITWISE(name, check)                                              \
  Tensor name(const Tensor& a, const Tensor& b) {                                      \
    check(#name, result_type(a, b));                                                   \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kCommon);          \
  }                                                                                    \
  Tensor name(const Tensor& a, const Scalar& b) {                                      \
    check(#name, result_type(a, b));                                                   \
    return detail::binary_op<Kernel::name>(#name, a, b, ResultKind::kCommon);          \
  }                                                                                    \
  Tensor Tensor::name(const Tensor& other) const { return ember::name(*this, other); } \
  Tensor Tensor::name(const Scalar& other) const { return ember::name(*this, other); } \
  Tensor& Tensor::name##_(const Tensor& other) {                                       \
    return assign_result(*this, ember::name(*this, other), #name "_");                 \
  }                                                                                    \
  Tensor& Tensor::name##_(const Scalar& other) {                                       \
    return assign_result(*this, ember::name(*this, other), #name "_");                 \
  }
EMBER_DEFINE_BITWISE(bitwise_xor, detail::check_bitwise)
EMBER_DEFINE_BITWISE(bitwise_left_shift, no_check)
EMBER_DEFINE_BITWISE(bitwise_right_shift, no_check)
#undef EMBER_DEFINE_BITWISE

Tensor bitwise_left_shift(const Scalar& a, const Tensor& b) {
  return bitwise_left_shift(detail::scalar_to_tensor(a, result_type(a, b)), b);
}
Tensor bitwise_right_shift(const Scalar& a, const Tensor& b) {
  return bitwise_right_shift(detail::scalar_to_tensor(a, result_type(a, b)), b);
}

Tensor operator^(const Tensor& a, const Tensor& b) { return bitwise_xor(a, b); }
Tensor operator^(const Tensor& a, const Scalar& b) { return bitwise_xor(a, b); }
Tensor operator^(const Scalar& a, const Tensor& b) { return bitwise_xor(b, a); }

}  // namespace ember
