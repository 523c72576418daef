// Public split, split_with_sizes and chunk: views of consecutive pieces, recorded as one node
// with several outputs (SplitBackward0, SplitWithSizesBackward0); like unbind's, the pieces
// may not be modified in place while they require grad.

#include "core/AutogradHooks.h"
#include "core/ShapeUtils.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {
// int0 = the wrapped dim (the formula concatenates the pieces' gradients along it).
std::vector<Tensor> recorded_pieces(GradOp op, const Tensor& t, int64_t dim,
                                    std::vector<Tensor> pieces) {
  if (GradMode::is_enabled()) {
    OpAttrs attrs;
    attrs.int0 = detail::wrap_dim(dim, t.dim());
    detail::autograd_hooks().record_view(op, t, pieces, std::move(attrs), true);
  }
  return pieces;
}
}  // namespace

std::vector<Tensor> split(const Tensor& t, int64_t split_size, int64_t dim) {
  return recorded_pieces(GradOp::split, t, dim, native::split(t, split_size, dim));
}

std::vector<Tensor> split_with_sizes(const Tensor& t, IntArrayRef split_sizes, int64_t dim) {
  return recorded_pieces(GradOp::split_with_sizes, t, dim,
                         native::split_with_sizes(t, split_sizes, dim));
}

std::vector<Tensor> split(const Tensor& t, IntArrayRef split_sizes, int64_t dim) {
  return split_with_sizes(t, split_sizes, dim);
}

std::vector<Tensor> chunk(const Tensor& t, int64_t chunks, int64_t dim) {
  return recorded_pieces(GradOp::split, t, dim, native::chunk(t, chunks, dim));
}

std::vector<Tensor> Tensor::split(int64_t split_size, int64_t dim) const {
  return ember::split(*this, split_size, dim);
}

std::vector<Tensor> Tensor::split(IntArrayRef split_sizes, int64_t dim) const {
  return ember::split_with_sizes(*this, split_sizes, dim);
}

std::vector<Tensor> Tensor::split_with_sizes(IntArrayRef split_sizes, int64_t dim) const {
  return ember::split_with_sizes(*this, split_sizes, dim);
}

std::vector<Tensor> Tensor::chunk(int64_t chunks, int64_t dim) const {
  return ember::chunk(*this, chunks, dim);
}

}  // namespace ember
