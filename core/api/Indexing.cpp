// Public indexing ops that copy: index_select (IndexSelectBackward0), gather
// (GatherBackward0), scatter_add / scatter_add_ (ScatterAddBackward0), and advanced indexing
// (IndexBackward0, IndexPutBackward0) under Tensor::index / index_put_. The index tensors go
// in the node as non-differentiable arguments.

#include "core/AutogradHooks.h"
#include "core/ShapeUtils.h"
#include "core/ops/AdvancedIndexing.h"
#include "core/ops/IndexingOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {
// index_select, gather, scatter_add: int0 = dim (wrapped), tensors[0] = the index.
OpAttrs along_dim(const Tensor& self, int64_t dim, const Tensor& index) {
  OpAttrs attrs;
  attrs.int0 = detail::wrap_dim(dim, self.dim());
  attrs.tensors.push_back(index);
  return attrs;
}

// index, index_put: int0 = the number of index slots, tensors = the defined index tensors,
// positions = the slot of each (undefined slots take a whole dimension); flag0 = accumulate.
OpAttrs with_indices(ArrayRef<Tensor> indices, bool accumulate = false) {
  OpAttrs attrs;
  attrs.int0 = static_cast<int64_t>(indices.size());
  attrs.flag0 = accumulate;
  for (size_t i = 0; i < indices.size(); ++i) {
    if (!indices[i].defined()) continue;
    attrs.tensors.push_back(indices[i]);
    attrs.positions.push_back(static_cast<int64_t>(i));
  }
  return attrs;
}
}  // namespace

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  if (!detail::should_record(self)) return native::index_select(self, dim, index);
  Tensor out = detail::below_autograd([&] { return native::index_select(self, dim, index); });
  detail::record(GradOp::index_select, {self}, out, along_dim(self, dim, index));
  return out;
}

Tensor Tensor::index_select(int64_t dim, const Tensor& index) const {
  return ember::index_select(*this, dim, index);
}

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool /*sparse_grad*/) {
  if (!detail::should_record(self)) return native::gather(self, dim, index);
  Tensor out = detail::below_autograd([&] { return native::gather(self, dim, index); });
  detail::record(GradOp::gather, {self}, out, along_dim(self, dim, index));
  return out;
}

Tensor Tensor::gather(int64_t dim, const Tensor& index, bool sparse_grad) const {
  return ember::gather(*this, dim, index, sparse_grad);
}

Tensor& Tensor::scatter_add_(int64_t dim, const Tensor& index, const Tensor& src) {
  EMBER_CHECK(index.defined() && src.defined(), "scatter_add_(): index and src must be defined");
  detail::InplaceGuard guard(*this, "scatter_add_", GradOp::scatter_add, {*this, src},
                             along_dim(*this, dim, index));
  native::scatter_add_(*this, dim, index, src);
  return guard.commit();
}

Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = self.clone();
  out.scatter_add_(dim, index, src);
  return out;
}

Tensor Tensor::scatter_add(int64_t dim, const Tensor& index, const Tensor& src) const {
  return ember::scatter_add(*this, dim, index, src);
}

Tensor detail::index(const Tensor& self, ArrayRef<Tensor> indices, IntArrayRef error_dims) {
  if (!should_record(self)) return native::index(self, indices, error_dims);
  Tensor out = below_autograd([&] { return native::index(self, indices, error_dims); });
  record(GradOp::index, {self}, out, with_indices(indices));
  return out;
}

Tensor& detail::index_put_(Tensor& self, ArrayRef<Tensor> indices, const Tensor& value,
                           bool accumulate, IntArrayRef error_dims) {
  EMBER_CHECK(value.defined(), "index_put_: the value tensor is undefined");
  InplaceGuard guard(self, "index_put_", GradOp::index_put, {self, value},
                     with_indices(indices, accumulate));
  native::index_put_(self, indices, value, accumulate, error_dims);
  return guard.commit();
}

}  // namespace ember
