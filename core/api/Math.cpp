// Public math-family functions, methods and in-place forms with a backward: each records its
// node for autograd when an input requires grad, around the body in core/ops/MathOps.cpp.

#include <utility>

#include "core/AutogradHooks.h"
#include "core/Promotion.h"
#include "core/ops/ArithmeticOps.h"
#include "core/ops/MathOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

OpAttrs scalars(const Scalar& a, const Scalar& b = 0) {
  OpAttrs attrs;
  attrs.scalar0 = a;
  attrs.scalar1 = b;
  return attrs;
}

}  // namespace

// The free function, the in-place free function, the method and the in-place method of one
// unary op. No formula reads attributes.
#define EMBER_DEFINE_MATH_UNARY(name)                                     \
  Tensor name(const Tensor& t) {                                          \
    if (!detail::should_record(t)) return native::name(t);                \
    Tensor out = detail::below_autograd([&] { return native::name(t); }); \
    detail::record(GradOp::name, {t}, out);                               \
    return out;                                                           \
  }                                                                       \
  Tensor& name##_(Tensor& t) { return t.name##_(); }                      \
  Tensor Tensor::name() const { return ember::name(*this); }              \
  Tensor& Tensor::name##_() {                                             \
    detail::InplaceGuard guard(*this, #name "_", GradOp::name, {*this});  \
    native::name##_(*this);                                               \
    return guard.commit();                                                \
  }
EMBER_DEFINE_MATH_UNARY(erf)
EMBER_DEFINE_MATH_UNARY(erfc)
EMBER_DEFINE_MATH_UNARY(erfinv)
EMBER_DEFINE_MATH_UNARY(asin)
EMBER_DEFINE_MATH_UNARY(acos)
EMBER_DEFINE_MATH_UNARY(atan)
EMBER_DEFINE_MATH_UNARY(sinh)
EMBER_DEFINE_MATH_UNARY(cosh)
EMBER_DEFINE_MATH_UNARY(asinh)
EMBER_DEFINE_MATH_UNARY(acosh)
EMBER_DEFINE_MATH_UNARY(atanh)
EMBER_DEFINE_MATH_UNARY(tan)
EMBER_DEFINE_MATH_UNARY(expm1)
EMBER_DEFINE_MATH_UNARY(log2)
EMBER_DEFINE_MATH_UNARY(log10)
EMBER_DEFINE_MATH_UNARY(exp2)
EMBER_DEFINE_MATH_UNARY(trunc)
EMBER_DEFINE_MATH_UNARY(frac)
#undef EMBER_DEFINE_MATH_UNARY

// Binary ops of two tensors: function, method and in-place method.
#define EMBER_DEFINE_MATH_BINARY(name)                                                 \
  Tensor name(const Tensor& a, const Tensor& b) {                                      \
    if (!detail::should_record(a, b)) return native::name(a, b);                       \
    Tensor out = detail::below_autograd([&] { return native::name(a, b); });           \
    detail::record(GradOp::name, {a, b}, out);                                         \
    return out;                                                                        \
  }                                                                                    \
  Tensor Tensor::name(const Tensor& other) const { return ember::name(*this, other); } \
  Tensor& Tensor::name##_(const Tensor& other) {                                       \
    detail::InplaceGuard guard(*this, #name "_", GradOp::name, {*this, other});        \
    native::name##_(*this, other);                                                     \
    return guard.commit();                                                             \
  }
EMBER_DEFINE_MATH_BINARY(atan2)
EMBER_DEFINE_MATH_BINARY(hypot)
EMBER_DEFINE_MATH_BINARY(remainder)
EMBER_DEFINE_MATH_BINARY(fmod)
#undef EMBER_DEFINE_MATH_BINARY

// remainder / fmod by a number: scalar0 = the number (unused by the formulas: d/da is 1).
#define EMBER_DEFINE_MATH_BINARY_SCALAR(name)                                                     \
  Tensor name(const Tensor& a, const Scalar& b) {                                                 \
    if (!detail::should_record(a)) return native::name(a, b);                                     \
    Tensor out = detail::below_autograd([&] { return native::name(a, b); });                      \
    detail::record(GradOp::name##_scalar, {a}, out, scalars(b));                                  \
    return out;                                                                                   \
  }                                                                                               \
  Tensor Tensor::name(const Scalar& other) const { return ember::name(*this, other); }            \
  Tensor& Tensor::name##_(const Scalar& other) {                                                  \
    detail::InplaceGuard guard(*this, #name "_", GradOp::name##_scalar, {*this}, scalars(other)); \
    native::name##_(*this, other);                                                                \
    return guard.commit();                                                                        \
  }
EMBER_DEFINE_MATH_BINARY_SCALAR(remainder)
EMBER_DEFINE_MATH_BINARY_SCALAR(fmod)
#undef EMBER_DEFINE_MATH_BINARY_SCALAR

Tensor remainder(const Scalar& a, const Tensor& b) {
  return remainder(detail::scalar_to_tensor(a, result_type(a, b)).to(b.device()), b);
}
Tensor operator%(const Tensor& a, const Tensor& b) { return remainder(a, b); }
Tensor operator%(const Tensor& a, const Scalar& b) { return remainder(a, b); }
Tensor operator%(const Scalar& a, const Tensor& b) { return remainder(a, b); }

// true_divide is div (its node is DivBackward0, as PyTorch's).
Tensor true_divide(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor true_divide(const Tensor& a, const Scalar& b) { return div(a, b); }
Tensor Tensor::true_divide(const Tensor& other) const { return div(other); }
Tensor Tensor::true_divide(const Scalar& other) const { return div(other); }
Tensor& Tensor::true_divide_(const Tensor& other) { return div_(other); }
Tensor& Tensor::true_divide_(const Scalar& other) { return div_(other); }

// lerp with a number: scalar0 = weight; with a tensor, the weight is the third input.
Tensor lerp(const Tensor& start, const Tensor& end, const Scalar& weight) {
  auto body = [&] {
    return native::lerp(start, end, detail::scalar_to_tensor(weight, start.dtype()));
  };
  if (!detail::should_record(start, end)) return body();
  Tensor out = detail::below_autograd(body);
  detail::record(GradOp::lerp, {start, end}, out, scalars(weight));
  return out;
}
Tensor lerp(const Tensor& start, const Tensor& end, const Tensor& weight) {
  if (!detail::should_record(start, end, weight)) return native::lerp(start, end, weight);
  Tensor out = detail::below_autograd([&] { return native::lerp(start, end, weight); });
  detail::record(GradOp::lerp_tensor, {start, end, weight}, out);
  return out;
}
Tensor Tensor::lerp(const Tensor& end, const Scalar& weight) const {
  return ember::lerp(*this, end, weight);
}
Tensor Tensor::lerp(const Tensor& end, const Tensor& weight) const {
  return ember::lerp(*this, end, weight);
}
Tensor& Tensor::lerp_(const Tensor& end, const Scalar& weight) {
  detail::InplaceGuard guard(*this, "lerp_", GradOp::lerp, {*this, end}, scalars(weight));
  native::lerp_(*this, end, detail::scalar_to_tensor(weight, dtype()));
  return guard.commit();
}
Tensor& Tensor::lerp_(const Tensor& end, const Tensor& weight) {
  detail::InplaceGuard guard(*this, "lerp_", GradOp::lerp_tensor, {*this, end, weight});
  native::lerp_(*this, end, weight);
  return guard.commit();
}

// addcmul / addcdiv: scalar0 = value. In place, the out-of-place result is copied into self
// (with the in-place checks of a result dtype that self cannot hold).
#define EMBER_DEFINE_ADDC(name)                                                                  \
  Tensor name(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2,                  \
              const Scalar& value) {                                                             \
    if (!detail::should_record(self, tensor1, tensor2)) {                                        \
      return native::name(self, tensor1, tensor2, value);                                        \
    }                                                                                            \
    Tensor out =                                                                                 \
        detail::below_autograd([&] { return native::name(self, tensor1, tensor2, value); });     \
    detail::record(GradOp::name, {self, tensor1, tensor2}, out, scalars(value));                 \
    return out;                                                                                  \
  }                                                                                              \
  Tensor Tensor::name(const Tensor& tensor1, const Tensor& tensor2, const Scalar& value) const { \
    return ember::name(*this, tensor1, tensor2, value);                                          \
  }                                                                                              \
  Tensor& Tensor::name##_(const Tensor& tensor1, const Tensor& tensor2, const Scalar& value) {   \
    detail::InplaceGuard guard(*this, #name "_", GradOp::name, {*this, tensor1, tensor2},        \
                               scalars(value));                                                  \
    const Tensor result = native::name(*this, tensor1, tensor2, value);                          \
    EMBER_CHECK(can_cast(result.dtype(), dtype()),                                               \
                #name "_: result type {} can't be cast to the desired output type {}",           \
                result.dtype(), dtype());                                                        \
    EMBER_CHECK(result.sizes() == sizes(),                                                       \
                #name "_: output with shape {} doesn't match the broadcast shape {}", sizes(),   \
                result.sizes());                                                                 \
    copy_(result);                                                                               \
    return guard.commit();                                                                       \
  }
EMBER_DEFINE_ADDC(addcmul)
EMBER_DEFINE_ADDC(addcdiv)
#undef EMBER_DEFINE_ADDC

Tensor nan_to_num(const Tensor& t, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  if (!detail::should_record(t)) return native::nan_to_num(t, nan, posinf, neginf);
  Tensor out = detail::below_autograd([&] { return native::nan_to_num(t, nan, posinf, neginf); });
  detail::record(GradOp::nan_to_num, {t}, out);
  return out;
}
Tensor& nan_to_num_(Tensor& t, std::optional<double> nan, std::optional<double> posinf,
                    std::optional<double> neginf) {
  return t.nan_to_num_(nan, posinf, neginf);
}
Tensor Tensor::nan_to_num(std::optional<double> nan, std::optional<double> posinf,
                          std::optional<double> neginf) const {
  return ember::nan_to_num(*this, nan, posinf, neginf);
}
Tensor& Tensor::nan_to_num_(std::optional<double> nan, std::optional<double> posinf,
                            std::optional<double> neginf) {
  detail::InplaceGuard guard(*this, "nan_to_num_", GradOp::nan_to_num, {*this});
  native::nan_to_num_(*this, nan, posinf, neginf);
  return guard.commit();
}

}  // namespace ember
