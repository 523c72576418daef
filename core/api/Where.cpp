// Public where in its four forms and its methods: records WhereBackward0 when a value operand
// requires grad, around the body in core/ops/WhereOp.cpp.

#include "core/AutogradHooks.h"
#include "core/Promotion.h"
#include "core/ops/WhereOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

// where: tensors[0] = the condition. Both value operands are inputs; a number operand joins
// as a 0-d tensor that does not require grad.
void record_where(const Tensor& condition, const Tensor& a, const Tensor& b, const Tensor& out) {
  OpAttrs attrs;
  attrs.tensors.push_back(condition);
  detail::record(GradOp::where, {a, b}, out, std::move(attrs));
}

}  // namespace

Tensor where(const Tensor& condition, const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::where(condition, a, b);
  Tensor out = detail::below_autograd([&] { return native::where(condition, a, b); });
  record_where(condition, a, b, out);
  return out;
}

Tensor where(const Tensor& condition, const Scalar& a, const Tensor& b) {
  if (!detail::should_record(b)) return native::where(condition, a, b);
  Tensor out = detail::below_autograd([&] { return native::where(condition, a, b); });
  record_where(condition, detail::scalar_to_tensor(a, out.dtype()), b, out);
  return out;
}

Tensor where(const Tensor& condition, const Tensor& a, const Scalar& b) {
  if (!detail::should_record(a)) return native::where(condition, a, b);
  Tensor out = detail::below_autograd([&] { return native::where(condition, a, b); });
  record_where(condition, a, detail::scalar_to_tensor(b, out.dtype()), out);
  return out;
}

Tensor where(const Tensor& condition, const Scalar& a, const Scalar& b) {
  return native::where(condition, a, b);  // nothing that requires grad
}

Tensor Tensor::where(const Tensor& condition, const Tensor& other) const {
  return ember::where(condition, *this, other);
}
Tensor Tensor::where(const Tensor& condition, const Scalar& other) const {
  return ember::where(condition, *this, other);
}

}  // namespace ember
