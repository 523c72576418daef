// masked_fill: a value written wherever a bool mask (broadcast to self) is true.

#include "core/ops/ElementwiseOps.h"
#include "core/KernelTable.h"
#include "core/ops/ScalarRange.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/TensorIterator.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

Tensor& Tensor::masked_fill_(const Tensor& mask, const Scalar& value) {
  EMBER_CHECK(mask.defined(), "masked_fill_: the mask is undefined");
  detail::check_inplace(*this, "masked_fill_");
  EMBER_CHECK(mask.dtype() == kBool,
              "masked_fill_ only supports boolean masks, but got mask with dtype {}", mask.dtype());
  detail::check_scalar_fits(value, dtype(), "masked_fill_");
  detail::TensorIterator iter = detail::TensorIteratorConfig()
                                    .op_name("masked_fill_")
                                    .add_output(*this)
                                    .add_input(*this)
                                    .add_input(mask)
                                    .build();
  detail::get_kernel<detail::Kernel::masked_fill>(iter.device().type())(iter, value);
  unsafeGetTensorImpl()->bump_version();
  return *this;
}

Tensor& Tensor::masked_fill_(const Tensor& mask, const Tensor& value) {
  EMBER_CHECK(value.defined(), "masked_fill_: the value tensor is undefined");
  EMBER_CHECK(value.dim() == 0,
              "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {} "
              "dimension(s).",
              value.dim());
  return masked_fill_(mask, value.item());
}

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) {
  EMBER_CHECK(mask.defined(), "masked_fill: the mask is undefined");
  // The result has the broadcast shape of self and mask.
  Tensor out = detail::empty_tensor(detail::broadcast_shapes(self.sizes(), mask.sizes()),
                                    self.dtype(), self.device());
  out.copy_(self);
  out.masked_fill_(mask, value);
  return out;
}

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value) {
  EMBER_CHECK(value.defined(), "masked_fill: the value tensor is undefined");
  EMBER_CHECK(value.dim() == 0,
              "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {} "
              "dimension(s).",
              value.dim());
  return masked_fill(self, mask, value.item());
}

Tensor Tensor::masked_fill(const Tensor& mask, const Scalar& value) const {
  return ember::masked_fill(*this, mask, value);
}

Tensor Tensor::masked_fill(const Tensor& mask, const Tensor& value) const {
  return ember::masked_fill(*this, mask, value);
}

}  // namespace ember
