// Autograd-free bodies of masked_fill: a value written wherever a bool mask (broadcast to
// self) is true (public front ends in core/api/MaskedFill.cpp).

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/TensorIterator.h"
#include "core/ops/ElementwiseOps.h"
#include "core/ops/ScalarRange.h"
#include "core/ops/WhereOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

namespace {

void check_value_tensor(const Tensor& value, const char* op) {
  EMBER_CHECK(value.defined(), "{}: the value tensor is undefined", op);
  EMBER_CHECK(value.dim() == 0,
              "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {} "
              "dimension(s).",
              value.dim());
}

}  // namespace

Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Scalar& value) {
  EMBER_CHECK(mask.defined(), "masked_fill_: the mask is undefined");
  EMBER_CHECK(mask.dtype() == kBool,
              "masked_fill_ only supports boolean masks, but got mask with dtype {}", mask.dtype());
  detail::check_scalar_fits(value, self.dtype(), "masked_fill_");
  detail::TensorIterator iter = detail::TensorIteratorConfig()
                                    .op_name("masked_fill_")
                                    .add_output(self)
                                    .add_input(self)
                                    .add_input(mask)
                                    .build();
  detail::get_kernel<detail::Kernel::masked_fill>(iter.device().type())(iter, value);
  return self;
}

Tensor& masked_fill_(Tensor& self, const Tensor& mask, const Tensor& value) {
  check_value_tensor(value, "masked_fill_");
  return native::masked_fill_(self, mask, value.item());
}

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) {
  EMBER_CHECK(mask.defined(), "masked_fill: the mask is undefined");
  // The result has the broadcast shape of self and mask.
  Tensor out = detail::empty_tensor(detail::broadcast_shapes(self.sizes(), mask.sizes()),
                                    self.dtype(), self.device());
  out.copy_(self);
  return native::masked_fill_(out, mask, value);
}

Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value) {
  check_value_tensor(value, "masked_fill");
  return native::masked_fill(self, mask, value.item());
}

}  // namespace ember::native
