// Public add, sub, rsub, mul, div, their methods, in-place forms and operators: each records
// its node for autograd when an input requires grad, around the body in core/ops/.

#include "core/AutogradHooks.h"
#include "core/ops/ArithmeticOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {
OpAttrs with_scalar(const Scalar& s) {
  OpAttrs attrs;
  attrs.scalar0 = s;
  return attrs;
}
}  // namespace

// add: scalar0 = alpha; add_scalar / sub_scalar / rsub_scalar: none needed (alpha in scalar0).
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  if (!detail::should_record(a, b)) return native::add(a, b, alpha);
  Tensor out = detail::below_autograd([&] { return native::add(a, b, alpha); });
  detail::record(GradOp::add, {a, b}, out, with_scalar(alpha));
  return out;
}

Tensor add(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  if (!detail::should_record(a)) return native::add(a, b, alpha);
  Tensor out = detail::below_autograd([&] { return native::add(a, b, alpha); });
  detail::record(GradOp::add_scalar, {a}, out);
  return out;
}

Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  if (!detail::should_record(a, b)) return native::sub(a, b, alpha);
  Tensor out = detail::below_autograd([&] { return native::sub(a, b, alpha); });
  detail::record(GradOp::sub, {a, b}, out, with_scalar(alpha));
  return out;
}

Tensor sub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  if (!detail::should_record(a)) return native::sub(a, b, alpha);
  Tensor out = detail::below_autograd([&] { return native::sub(a, b, alpha); });
  detail::record(GradOp::sub_scalar, {a}, out);
  return out;
}

Tensor rsub(const Tensor& a, const Scalar& b, const Scalar& alpha) {
  if (!detail::should_record(a)) return native::rsub(a, b, alpha);
  Tensor out = detail::below_autograd([&] { return native::rsub(a, b, alpha); });
  detail::record(GradOp::rsub_scalar, {a}, out, with_scalar(alpha));
  return out;
}

Tensor mul(const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::mul(a, b);
  Tensor out = detail::below_autograd([&] { return native::mul(a, b); });
  detail::record(GradOp::mul, {a, b}, out);
  return out;
}

Tensor mul(const Tensor& a, const Scalar& b) {
  if (!detail::should_record(a)) return native::mul(a, b);
  Tensor out = detail::below_autograd([&] { return native::mul(a, b); });
  detail::record(GradOp::mul_scalar, {a}, out, with_scalar(b));
  return out;
}

Tensor div(const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::div(a, b);
  Tensor out = detail::below_autograd([&] { return native::div(a, b); });
  detail::record(GradOp::div, {a, b}, out);
  return out;
}

Tensor div(const Tensor& a, const Scalar& b) {
  if (!detail::should_record(a)) return native::div(a, b);
  Tensor out = detail::below_autograd([&] { return native::div(a, b); });
  detail::record(GradOp::div_scalar, {a}, out, with_scalar(b));
  return out;
}

Tensor div(const Scalar& a, const Tensor& b) {
  // a / b = a * b^-1: recorded as its pieces.
  if (!detail::should_record(b)) return native::div(a, b);
  return mul(b.reciprocal(), a);
}

Tensor& Tensor::add_(const Tensor& other, const Scalar& alpha) {
  detail::InplaceGuard guard(*this, "add_", GradOp::add, {*this, other}, with_scalar(alpha));
  native::add_(*this, other, alpha);
  return guard.commit();
}

Tensor& Tensor::add_(const Scalar& other, const Scalar& alpha) {
  detail::InplaceGuard guard(*this, "add_", GradOp::add_scalar, {*this});
  native::add_(*this, other, alpha);
  return guard.commit();
}

Tensor& Tensor::sub_(const Tensor& other, const Scalar& alpha) {
  detail::InplaceGuard guard(*this, "sub_", GradOp::sub, {*this, other}, with_scalar(alpha));
  native::sub_(*this, other, alpha);
  return guard.commit();
}

Tensor& Tensor::sub_(const Scalar& other, const Scalar& alpha) {
  detail::InplaceGuard guard(*this, "sub_", GradOp::sub_scalar, {*this});
  native::sub_(*this, other, alpha);
  return guard.commit();
}

Tensor& Tensor::mul_(const Tensor& other) {
  detail::InplaceGuard guard(*this, "mul_", GradOp::mul, {*this, other});
  native::mul_(*this, other);
  return guard.commit();
}

Tensor& Tensor::mul_(const Scalar& other) {
  detail::InplaceGuard guard(*this, "mul_", GradOp::mul_scalar, {*this}, with_scalar(other));
  native::mul_(*this, other);
  return guard.commit();
}

Tensor& Tensor::div_(const Tensor& other) {
  detail::InplaceGuard guard(*this, "div_", GradOp::div, {*this, other});
  native::div_(*this, other);
  return guard.commit();
}

Tensor& Tensor::div_(const Scalar& other) {
  detail::InplaceGuard guard(*this, "div_", GradOp::div_scalar, {*this}, with_scalar(other));
  native::div_(*this, other);
  return guard.commit();
}

Tensor Tensor::add(const Tensor& other, const Scalar& alpha) const {
  return ember::add(*this, other, alpha);
}
Tensor Tensor::add(const Scalar& other, const Scalar& alpha) const {
  return ember::add(*this, other, alpha);
}
Tensor Tensor::sub(const Tensor& other, const Scalar& alpha) const {
  return ember::sub(*this, other, alpha);
}
Tensor Tensor::sub(const Scalar& other, const Scalar& alpha) const {
  return ember::sub(*this, other, alpha);
}
Tensor Tensor::mul(const Tensor& other) const { return ember::mul(*this, other); }
Tensor Tensor::mul(const Scalar& other) const { return ember::mul(*this, other); }
Tensor Tensor::div(const Tensor& other) const { return ember::div(*this, other); }
Tensor Tensor::div(const Scalar& other) const { return ember::div(*this, other); }

Tensor operator+(const Tensor& a, const Tensor& b) { return add(a, b); }
Tensor operator+(const Tensor& a, const Scalar& b) { return add(a, b); }
Tensor operator+(const Scalar& a, const Tensor& b) { return add(b, a); }
Tensor operator-(const Tensor& a, const Tensor& b) { return sub(a, b); }
Tensor operator-(const Tensor& a, const Scalar& b) { return sub(a, b); }
Tensor operator-(const Scalar& a, const Tensor& b) { return rsub(b, a); }
Tensor operator*(const Tensor& a, const Tensor& b) { return mul(a, b); }
Tensor operator*(const Tensor& a, const Scalar& b) { return mul(a, b); }
Tensor operator*(const Scalar& a, const Tensor& b) { return mul(b, a); }
Tensor operator/(const Tensor& a, const Tensor& b) { return div(a, b); }
Tensor operator/(const Tensor& a, const Scalar& b) { return div(a, b); }
Tensor operator/(const Scalar& a, const Tensor& b) { return div(a, b); }

}  // namespace ember
