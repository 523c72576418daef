// In-place fills: fill_ (a number or a 0-d tensor) and zero_.

#include "core/ops/ElementwiseOps.h"
#include "core/KernelTable.h"
#include "core/ops/ScalarRange.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember {

namespace detail {
namespace {

// The same memory with broadcast (stride 0) dimensions reduced to one element, so that a fill
// writes each location once (PyTorch fills expanded tensors).
Tensor without_broadcast_dims(const Tensor& t) {
  bool expanded = false;
  DimVector sizes(t.sizes());
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (t.strides()[d] == 0 && sizes[d] > 1) {
      sizes[d] = 1;
      expanded = true;
    }
  }
  return expanded ? make_view(t, sizes, t.strides(), t.storage_offset()) : t;
}

}  // namespace
}  // namespace detail

Tensor& Tensor::fill_(const Scalar& value) {
  detail::check_inplace(*this, "fill_");
  detail::check_scalar_fits(value, dtype(), "fill_");
  if (numel() > 0) {
    const Tensor target = detail::without_broadcast_dims(*this);
    detail::get_kernel<detail::Kernel::fill>(device().type())(target, value);
  }
  impl()->bump_version();
  return *this;
}

Tensor& Tensor::fill_(const Tensor& value) {
  EMBER_CHECK(value.dim() == 0,
              "fill_ only supports 0-dimension value tensor but got tensor with {} dimensions.",
              value.dim());
  if (value.is_cuda() && is_cuda()) {
    // Stays on the GPU: no synchronisation to read the value.
    detail::check_inplace(*this, "fill_");
    Tensor target = detail::without_broadcast_dims(*this);
    target.copy_(value);  // bumps the shared version counter
    return *this;
  }
  return fill_(value.item());
}

Tensor& Tensor::zero_() { return fill_(0); }

}  // namespace ember
