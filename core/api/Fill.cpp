// Public in-place fills: fill_ (FillBackward2 for a number, FillBackward3 for a 0-d tensor),
// zero_ (ZeroBackward0), uniform_ and normal_ (UniformBackward0, NormalBackward0): the
// gradient of what was there before is zero.

#include "core/AutogradHooks.h"
#include "core/ops/FillOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember {

using detail::GradOp;

namespace {
// fill_ and zero_, unlike other in-place ops, may write an expanded tensor (each location once,
// as PyTorch).
constexpr auto kOverlapAllowed = detail::InplaceGuard::Overlap::kAllowed;
}  // namespace

Tensor& Tensor::fill_(const Scalar& value) {
  detail::InplaceGuard guard(*this, "fill_", GradOp::fill, {*this}, {}, kOverlapAllowed);
  native::fill_(*this, value);
  return guard.commit();
}

Tensor& Tensor::fill_(const Tensor& value) {
  EMBER_CHECK(value.defined(), "fill_: the value tensor is undefined");
  EMBER_CHECK(value.dim() == 0,
              "fill_ only supports 0-dimension value tensor but got tensor with {} dimensions.",
              value.dim());
  detail::InplaceGuard guard(*this, "fill_", GradOp::fill_tensor, {*this, value}, {},
                             kOverlapAllowed);
  native::fill_(*this, value);
  return guard.commit();
}

Tensor& Tensor::zero_() {
  detail::InplaceGuard guard(*this, "zero_", GradOp::zero, {*this}, {}, kOverlapAllowed);
  native::zero_(*this);
  return guard.commit();
}

Tensor& Tensor::uniform_(double from, double to) {
  detail::InplaceGuard guard(*this, "uniform_", GradOp::uniform, {*this});
  native::uniform_(*this, from, to);
  return guard.commit();
}

Tensor& Tensor::normal_(double mean, double std) {
  detail::InplaceGuard guard(*this, "normal_", GradOp::normal, {*this});
  native::normal_(*this, mean, std);
  return guard.commit();
}

}  // namespace ember
