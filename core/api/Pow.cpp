// Public pow in its three forms, its methods and pow_: each records its node for autograd
// when an input requires grad, around the bodies in core/ops/PowOps.cpp.

#include "core/AutogradHooks.h"
#include "core/ops/PowOps.h"
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

// pow (tensor ** tensor): no attributes.
Tensor pow(const Tensor& base, const Tensor& exponent) {
  if (!detail::should_record(base, exponent)) return native::pow(base, exponent);
  Tensor out = detail::below_autograd([&] { return native::pow(base, exponent); });
  detail::record(GradOp::pow, {base, exponent}, out);
  return out;
}

// pow_scalar (tensor ** number): scalar0 = the exponent.
Tensor pow(const Tensor& base, const Scalar& exponent) {
  if (!detail::should_record(base)) return native::pow(base, exponent);
  Tensor out = detail::below_autograd([&] { return native::pow(base, exponent); });
  detail::record(GradOp::pow_scalar, {base}, out, with_scalar(exponent));
  return out;
}

// pow_scalar_base (number ** tensor): scalar0 = the base.
Tensor pow(const Scalar& base, const Tensor& exponent) {
  if (!detail::should_record(exponent)) return native::pow(base, exponent);
  Tensor out = detail::below_autograd([&] { return native::pow(base, exponent); });
  detail::record(GradOp::pow_scalar_base, {exponent}, out, with_scalar(base));
  return out;
}

Tensor Tensor::pow(const Tensor& exponent) const { return ember::pow(*this, exponent); }
Tensor Tensor::pow(const Scalar& exponent) const { return ember::pow(*this, exponent); }

Tensor& Tensor::pow_(const Tensor& exponent) {
  detail::InplaceGuard guard(*this, "pow_", GradOp::pow, {*this, exponent});
  native::pow_(*this, exponent);
  return guard.commit();
}

Tensor& Tensor::pow_(const Scalar& exponent) {
  detail::InplaceGuard guard(*this, "pow_", GradOp::pow_scalar, {*this}, with_scalar(exponent));
  native::pow_(*this, exponent);
  return guard.commit();
}

}  // namespace ember
