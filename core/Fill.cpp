// In-place fills: fill_ (number or 0-d tensor) and zero_.

#include "core/ElementwiseOps.h"
#include "core/KernelTable.h"
#include "ember/core/Functions.h"

namespace ember {

Tensor& Tensor::fill_(const Scalar& value) {
  detail::check_inplace(*this, "fill_");
  if (numel() > 0) detail::get_kernel<detail::Kernel::fill>(device().type())(*this, value);
  impl()->bump_version();
  return *this;
}

Tensor& Tensor::fill_(const Tensor& value) {
  EMBER_CHECK(value.dim() == 0,
              "fill_ only supports 0-dimension value tensor but got tensor with {} dimensions.",
              value.dim());
  return fill_(value.item());
}

Tensor& Tensor::zero_() { return fill_(0); }

}  // namespace ember
