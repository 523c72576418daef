// Public in-place fills: fill_ (FillBackward2 for a number, FillBackward3 for a 0-d tensor),
// zero_ (ZeroBackward0), uniform_ and normal_ (UniformBackward0, NormalBackward0): the
// gradient of what was there before is zero.

#include "core/AutogradHooks.h"
#include "core/ops/AdvancedIndexing.h"
#include "core/ops/FillOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember {

using detail::GradOp;

namespace {
// fill_ and zero_, unlike other in-place ops, may write an expanded tensor (each location
// once, as PyTorch): the guard, which refuses such tensors, is only needed when recording.
template <class Body>
Tensor& fill_inplace(Tensor& self, const char* op, GradOp grad_op,
                     std::initializer_list<Tensor> inputs, Body&& body) {
  if (detail::has_internal_overlap(self) && !detail::should_record_list(inputs)) {
    if (self.unsafeGetTensorImpl()->autograd_meta() != nullptr) {
      detail::autograd_hooks().check_inplace(self, op);
    }
    body();
    self.unsafeGetTensorImpl()->bump_version();
    return self;
  }
  detail::InplaceGuard guard(self, op, grad_op, inputs);
  body();
  return guard.commit();
}
}  // namespace

Tensor& Tensor::fill_(const Scalar& value) {
  return fill_inplace(*this, "fill_", GradOp::fill, {*this}, [&] { native::fill_(*this, value); });
}

Tensor& Tensor::fill_(const Tensor& value) {
  EMBER_CHECK(value.defined(), "fill_: the value tensor is undefined");
  EMBER_CHECK(value.dim() == 0,
              "fill_ only supports 0-dimension value tensor but got tensor with {} dimensions.",
              value.dim());
  return fill_inplace(*this, "fill_", GradOp::fill_tensor, {*this, value},
                      [&] { native::fill_(*this, value); });
}

Tensor& Tensor::zero_() {
  return fill_inplace(*this, "zero_", GradOp::zero, {*this}, [&] { native::zero_(*this); });
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
