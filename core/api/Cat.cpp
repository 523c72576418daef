// Public cat and stack: one node with an input per joined tensor (CatBackward0,
// StackBackward0), around the bodies in core/ops/Cat.cpp.

#include "core/AutogradHooks.h"
#include "core/ShapeUtils.h"
#include "core/ops/CatOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {
Tensor record_join(GradOp op, ArrayRef<Tensor> tensors, int64_t wrapped_dim, Tensor out) {
  OpAttrs attrs;
  attrs.int0 = wrapped_dim;
  detail::autograd_hooks().record(op, tensors, ArrayRef<Tensor>(&out, 1), std::move(attrs));
  return out;
}
}  // namespace

// cat: int0 = the dim (wrapped against the first tensor cat does not skip).
Tensor cat(ArrayRef<Tensor> tensors, int64_t dim) {
  if (!detail::should_record_list(tensors)) return native::cat(tensors, dim);
  Tensor out = detail::below_autograd([&] { return native::cat(tensors, dim); });
  int64_t wrapped = 0;
  for (const Tensor& t : tensors) {
    if (!native::skipped_by_cat(t)) {
      wrapped = detail::wrap_dim(dim, t.dim());
      break;
    }
  }
  return record_join(GradOp::cat, tensors, wrapped, std::move(out));
}

// stack: int0 = the new dim (wrapped).
Tensor stack(ArrayRef<Tensor> tensors, int64_t dim) {
  if (!detail::should_record_list(tensors)) return native::stack(tensors, dim);
  Tensor out = detail::below_autograd([&] { return native::stack(tensors, dim); });
  return record_join(GradOp::stack, tensors, detail::wrap_dim(dim, tensors[0].dim() + 1),
                     std::move(out));
}

}  // namespace ember
