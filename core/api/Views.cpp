// Public view ops: each records its base (and its node, when the input requires grad) around
// the body in core/ops/Views.cpp.

#include "core/AutogradHooks.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

Tensor Tensor::as_strided(IntArrayRef size, IntArrayRef stride,
                          std::optional<int64_t> storage_offset) const {
  Tensor out = native::as_strided(*this, size, stride, storage_offset);
  if (GradMode::is_enabled()) {
    OpAttrs attrs;
    attrs.ints.assign(out.sizes().begin(), out.sizes().end());
    attrs.ints2.assign(out.strides().begin(), out.strides().end());
    attrs.int0 = out.storage_offset();
    attrs.positions.assign(strides().begin(), strides().end());
    attrs.int1 = this->storage_offset();
    detail::record_view(GradOp::as_strided, *this, out, std::move(attrs));
  }
  return out;
}

Tensor as_strided(const Tensor& t, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset) {
  return t.as_strided(size, stride, storage_offset);
}

}  // namespace ember
