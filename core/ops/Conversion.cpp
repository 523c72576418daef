// Conversion and placement: to(), cpu(), cuda(), contiguous(), clone(), copy_(), detach(),
// pin_memory().

#include "core/ops/ElementwiseOps.h"
#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace detail {
// Defined by the CUDA backend (false without one).
bool is_pinned_pointer(const void* ptr);
Tensor pin_memory_copy(const Tensor& t);
}  // namespace detail

namespace {

Tensor convert(const Tensor& self, Device device, Dtype dtype, bool non_blocking, bool copy) {
  device = detail::resolve_device(device);
  if (!copy && device == self.device() && dtype == self.dtype()) return self;
  Tensor out = detail::empty_tensor(self.sizes(), dtype, device);
  out.copy_(self, non_blocking);
  if (self.requires_grad() && is_floating_type(dtype)) out.requires_grad_(true);
  return out;
}

}  // namespace

Tensor Tensor::to(Dtype dtype, bool non_blocking, bool copy) const {
  return convert(*this, device(), dtype, non_blocking, copy);
}

Tensor Tensor::to(Device device, bool non_blocking, bool copy) const {
  return convert(*this, device, dtype(), non_blocking, copy);
}

Tensor Tensor::to(Device device, Dtype dtype, bool non_blocking, bool copy) const {
  return convert(*this, device, dtype, non_blocking, copy);
}

Tensor Tensor::to(const TensorOptions& options, bool non_blocking, bool copy) const {
  return convert(*this, options.device_opt().value_or(device()),
                 options.dtype_opt().value_or(dtype()), non_blocking, copy);
}

Tensor Tensor::to(const Tensor& other, bool non_blocking, bool copy) const {
  return convert(*this, other.device(), other.dtype(), non_blocking, copy);
}

Tensor Tensor::cpu() const { return to(Device(kCPU)); }

Tensor Tensor::cuda() const { return to(Device(kCUDA)); }

Tensor Tensor::contiguous() const {
  if (is_contiguous()) return *this;
  return clone();
}

Tensor Tensor::clone() const {
  Tensor out = detail::empty_tensor(sizes(), dtype(), device());
  out.copy_(*this);
  return out;
}

Tensor clone(const Tensor& t) { return t.clone(); }

Tensor Tensor::detach() const {
  return detail::make_view(*this, sizes(), strides(), storage_offset());
}

Tensor& Tensor::detach_() {
  requires_grad_(false);
  return *this;
}

Tensor& Tensor::copy_(const Tensor& src, bool non_blocking) {
  EMBER_CHECK(src.defined(), "copy_: the source tensor is undefined");
  detail::check_inplace(*this, "copy_");
  if (is_same(src)) return *this;
  Tensor expanded = src;
  if (src.sizes() != sizes()) {
    // Broadcast the source to this tensor's shape (it may not grow this tensor).
    const DimVector target = detail::broadcast_shapes(sizes(), src.sizes());
    EMBER_CHECK(IntArrayRef(target) == sizes(),
                "copy_: the source of shape {} cannot be broadcast to the destination's shape {}",
                src.sizes(), sizes());
    expanded = src.expand(sizes());
  }
  if (numel() > 0) {
    const DeviceType where = is_cuda() || src.is_cuda() ? kCUDA : kCPU;
    detail::get_kernel<detail::Kernel::copy>(where)(*this, expanded, non_blocking);
  }
  impl()->bump_version();
  return *this;
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
