// Public masked_fill with a number or a 0-d tensor value, its methods and in-place forms:
// each records its node for autograd when an input requires grad, around the bodies in
// core/ops/MaskedFill.cpp.

#include "core/AutogradHooks.h"
#include "core/ops/WhereOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

// masked_fill (number value) and masked_fill_tensor (0-d tensor value): tensors[0] = the
// mask.
OpAttrs with_mask(const Tensor& mask) {
  OpAttrs attrs;
  attrs.tensors.push_back(mask);
  return attrs;
}

}  // namespace

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) {
  if (!detail::should_record(self)) return native::masked_fill(self, mask, value);
  Tensor out = detail::below_autograd([&] { return native::masked_fill(self, mask, value); });
  detail::record(GradOp::masked_fill, {self}, out, with_mask(mask));
  return out;
}

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value) {
  if (!detail::should_record(self, value)) return native::masked_fill(self, mask, value);
  Tensor out = detail::below_autograd([&] { return native::masked_fill(self, mask, value); });
  detail::record(GradOp::masked_fill_tensor, {self, value}, out, with_mask(mask));
  return out;
}

Tensor Tensor::masked_fill(const Tensor& mask, const Scalar& value) const {
  return ember::masked_fill(*this, mask, value);
}

Tensor Tensor::masked_fill(const Tensor& mask, const Tensor& value) const {
  return ember::masked_fill(*this, mask, value);
}

Tensor& Tensor::masked_fill_(const Tensor& mask, const Scalar& value) {
  detail::InplaceGuard guard(*this, "masked_fill_", GradOp::masked_fill, {*this}, with_mask(mask));
  native::masked_fill_(*this, mask, value);
  return guard.commit();
}

Tensor& Tensor::masked_fill_(const Tensor& mask, const Tensor& value) {
  EMBER_CHECK(value.defined(), "masked_fill_: the value tensor is undefined");
  // The value is read once, before the fill: it may be an element of self (PyTorch allows
  // that), which the guard's overlap check would refuse, so such a value joins as a copy.
  const Tensor read_value = value.storage().is_alias_of(storage()) ? value.clone() : value;
  detail::InplaceGuard guard(*this, "masked_fill_", GradOp::masked_fill_tensor, {*this, read_value},
                             with_mask(mask));
  native::masked_fill_(*this, mask, read_value);
  return guard.commit();
}

}  // namespace ember
