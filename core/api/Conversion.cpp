// Public copies: to() (ToCopyBackward0: the gradient goes back in the input's dtype and
// device), cpu(), cuda(), clone() (CloneBackward0), contiguous() (a clone when needed),
// copy_() (CopyBackwards) and detach_().

#include "core/AutogradHooks.h"
#include "core/TensorFactory.h"
#include "core/ops/ConversionOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;

namespace {

// to_copy: no attributes (the input's dtype and device are in the node).
Tensor convert(const Tensor& self, Device device, Dtype dtype, bool non_blocking, bool copy) {
  device = detail::resolve_device(device);
  if (!copy && device == self.device() && dtype == self.dtype()) return self;
  // Integer results have no gradient: nothing to record.
  if (!detail::should_record(self) || !is_floating_type(dtype)) {
    return native::to_copy(self, device, dtype, non_blocking);
  }
  Tensor out =
      detail::below_autograd([&] { return native::to_copy(self, device, dtype, non_blocking); });
  detail::record(GradOp::to_copy, {self}, out);
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
  if (!detail::should_record(*this)) return native::clone(*this);
  Tensor out = detail::below_autograd([&] { return native::clone(*this); });
  detail::record(GradOp::clone, {*this}, out);
  return out;
}

Tensor clone(const Tensor& t) { return t.clone(); }

// copy: no attributes (the source's shape, dtype and device are in the node).
Tensor& Tensor::copy_(const Tensor& src, bool non_blocking) {
  EMBER_CHECK(src.defined(), "copy_: the source tensor is undefined");
  detail::InplaceGuard guard(*this, "copy_", GradOp::copy, {*this, src});
  native::copy_(*this, src, non_blocking);
  return guard.commit();
}

Tensor& Tensor::detach_() {
  if (unsafeGetTensorImpl()->autograd_meta() != nullptr) detail::autograd_hooks().detach_(*this);
  return *this;
}

}  // namespace ember
