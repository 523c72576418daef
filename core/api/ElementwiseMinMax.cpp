// Public maximum / minimum (and max / min of two tensors), clamp, clamp_min, clamp_max, their
// methods and in-place forms: each records its node for autograd when an input requires
// grad, around the bodies in core/ops/ElementwiseMinMaxOps.cpp.

#include "core/AutogradHooks.h"
#include "core/ops/ElementwiseMinMaxOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

// maximum / minimum: no attributes.
Tensor maximum(const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::maximum(a, b);
  Tensor out = detail::below_autograd([&] { return native::maximum(a, b); });
  detail::record(GradOp::maximum, {a, b}, out);
  return out;
}
Tensor minimum(const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::minimum(a, b);
  Tensor out = detail::below_autograd([&] { return native::minimum(a, b); });
  detail::record(GradOp::minimum, {a, b}, out);
  return out;
}
Tensor max(const Tensor& a, const Tensor& b) { return maximum(a, b); }
Tensor min(const Tensor& a, const Tensor& b) { return minimum(a, b); }
Tensor Tensor::maximum(const Tensor& other) const { return ember::maximum(*this, other); }
Tensor Tensor::minimum(const Tensor& other) const { return ember::minimum(*this, other); }
Tensor Tensor::max(const Tensor& other) const { return ember::maximum(*this, other); }
Tensor Tensor::min(const Tensor& other) const { return ember::minimum(*this, other); }

namespace {

// clamp: scalar0 = min and flag0 = has a min, scalar1 = max and flag1 = has a max.
OpAttrs clamp_attrs(const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  OpAttrs attrs;
  attrs.flag0 = min.has_value();
  attrs.flag1 = max.has_value();
  if (min) attrs.scalar0 = *min;
  if (max) attrs.scalar1 = *max;
  return attrs;
}

// clamp_min: scalar0 = min; clamp_max: scalar0 = max.
OpAttrs with_scalar(const Scalar& s) {
  OpAttrs attrs;
  attrs.scalar0 = s;
  return attrs;
}

}  // namespace

Tensor clamp(const Tensor& t, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  if (!detail::should_record(t)) return native::clamp(t, min, max);
  Tensor out = detail::below_autograd([&] { return native::clamp(t, min, max); });
  detail::record(GradOp::clamp, {t}, out, clamp_attrs(min, max));
  return out;
}
Tensor clamp_min(const Tensor& t, const Scalar& min) {
  if (!detail::should_record(t)) return native::clamp_min(t, min);
  Tensor out = detail::below_autograd([&] { return native::clamp_min(t, min); });
  detail::record(GradOp::clamp_min, {t}, out, with_scalar(min));
  return out;
}
Tensor clamp_max(const Tensor& t, const Scalar& max) {
  if (!detail::should_record(t)) return native::clamp_max(t, max);
  Tensor out = detail::below_autograd([&] { return native::clamp_max(t, max); });
  detail::record(GradOp::clamp_max, {t}, out, with_scalar(max));
  return out;
}
Tensor Tensor::clamp(const std::optional<Scalar>& min, const std::optional<Scalar>& max) const {
  return ember::clamp(*this, min, max);
}
Tensor Tensor::clamp_min(const Scalar& min) const { return ember::clamp_min(*this, min); }
Tensor Tensor::clamp_max(const Scalar& max) const { return ember::clamp_max(*this, max); }

Tensor& Tensor::clamp_(const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  detail::InplaceGuard guard(*this, "clamp_", GradOp::clamp, {*this}, clamp_attrs(min, max));
  native::clamp_(*this, min, max);
  return guard.commit();
}
Tensor& Tensor::clamp_min_(const Scalar& min) {
  detail::InplaceGuard guard(*this, "clamp_min_", GradOp::clamp_min, {*this}, with_scalar(min));
  native::clamp_min_(*this, min);
  return guard.commit();
}
Tensor& Tensor::clamp_max_(const Scalar& max) {
  detail::InplaceGuard guard(*this, "clamp_max_", GradOp::clamp_max, {*this}, with_scalar(max));
  native::clamp_max_(*this, max);
  return guard.commit();
}

}  // namespace ember
