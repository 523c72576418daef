#include "autograd/CopySlices.h"

#include <algorithm>

#include "autograd/AutogradMeta.h"
#include "autograd/StorageExtent.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

CopySlices::CopySlices(const Tensor& base, const Tensor& view, std::shared_ptr<OpNode> op)
    : base_sizes_(base.sizes()),
      base_strides_(base.strides()),
      view_sizes_(view.sizes()),
      view_strides_(view.strides()),
      base_offset_(base.storage_offset()),
      view_offset_(view.storage_offset()),
      op_(std::move(op)) {
  add_next_edge(gradient_edge(base));
  for (uint32_t i = 1; i < op_->num_outputs(); ++i) add_next_edge(op_->next_edge(i));
}

variable_list CopySlices::apply(variable_list&& grads) {
  const Tensor& grad = grads.at(0);
  // The gradient laid out in a buffer with the base's own geometry, so that the view's window
  // in it is the view's geometry.
  const int64_t extent = std::max(storage_extent(base_sizes_, base_strides_, base_offset_),
                                  storage_extent(view_sizes_, view_strides_, view_offset_));
  Tensor buffer = zeros({extent}, TensorOptions().dtype(grad.dtype()).device(grad.device()));
  Tensor result = buffer.as_strided(base_sizes_, base_strides_, base_offset_);
  result.copy_(grad);
  Tensor window = buffer.as_strided(view_sizes_, view_strides_, view_offset_);
  variable_list op_grads = (*op_)({window.clone()});
  variable_list out(num_outputs());
  if (should_compute_output(0)) {
    if (op_grads.at(0).defined()) {
      window.copy_(op_grads[0]);
    } else {
      window.zero_();
    }
    out[0] = result;
  }
  for (size_t i = 1; i < out.size(); ++i) out[i] = std::move(op_grads.at(i));
  return out;
}

}  // namespace ember::autograd
