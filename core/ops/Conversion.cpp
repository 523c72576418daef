// The bodies of the copies (to, clone, copy_), and what is not recorded: detach(),
// pin_memory().

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/ConversionOps.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace detail {
// Defined by the CUDA backend (false without one).
bool is_pinned_pointer(const void* ptr);
Tensor pin_memory_copy(const Tensor& t);
}  // namespace detail

Tensor native::to_copy(const Tensor& self, Device device, Dtype dtype, bool non_blocking) {
  Tensor out = detail::empty_tensor(self.sizes(), dtype, device);
  return native::copy_(out, self, non_blocking);
}

Tensor native::clone(const Tensor& self) {
  Tensor out = detail::empty_tensor(self.sizes(), self.dtype(), self.device());
  return native::copy_(out, self, /*non_blocking=*/false);
}

Tensor& native::copy_(Tensor& self, const Tensor& src, bool non_blocking) {
  if (self.is_same(src)) return self;
  Tensor expanded = src;
  if (src.sizes() != self.sizes()) {
    // Broadcast the source to this tensor's shape (it may not grow this tensor).
    const DimVector target = detail::broadcast_shapes(self.sizes(), src.sizes());
    EMBER_CHECK(IntArrayRef(target) == self.sizes(),
                "copy_: the source of shape {} cannot be broadcast to the destination's shape {}",
                src.sizes(), self.sizes());
    expanded = native::expand(src, self.sizes());
  }
  if (self.numel() > 0) {
    const DeviceType where = self.is_cuda() || src.is_cuda() ? kCUDA : kCPU;
    detail::get_kernel<detail::Kernel::copy>(where)(self, expanded, non_blocking);
  }
  return self;
}

Tensor Tensor::detach() const {
  return detail::make_view(*this, sizes(), strides(), storage_offset());
}

bool Tensor::is_pinned() const { return is_cpu() && detail::is_pinned_pointer(storage().data()); }

Tensor Tensor::pin_memory() const {
  EMBER_CHECK(is_cpu(),
              "pin_memory: cannot pin a '{}' tensor: only dense CPU tensors can be "
              "pinned",
              device().str());
  if (is_pinned()) return *this;
  return detail::pin_memory_copy(*this);
}

}  // namespace ember
