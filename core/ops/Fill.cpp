// The bodies of the in-place fills: fill_ (a number or a 0-d tensor) and zero_.

#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "core/ops/ConversionOps.h"
#include "core/ops/FillOps.h"
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

Tensor& native::fill_(Tensor& self, const Scalar& value) {
  detail::check_scalar_fits(value, self.dtype(), "fill_");
  if (self.numel() > 0) {
    const Tensor target = detail::without_broadcast_dims(self);
    detail::get_kernel<detail::Kernel::fill>(self.device().type())(target, value);
  }
  return self;
}

Tensor& native::fill_(Tensor& self, const Tensor& value) {
  if (value.is_cuda() && self.is_cuda()) {
    // Stays on the GPU: no synchronisation to read the value.
    Tensor target = detail::without_broadcast_dims(self);
    native::copy_(target, value, /*non_blocking=*/false);
    return self;
  }
  return native::fill_(self, value.item());
}

Tensor& native::zero_(Tensor& self) { return native::fill_(self, 0); }

}  // namespace ember
