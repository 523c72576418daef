// Public index_add / index_copy / index_fill / scatter / scatter_reduce / masked_scatter (out
// of place and in place) and masked_select, each recording its own node (IndexAddBackward0,
// ...), and the composite take_along_dim (gather). The index (or mask) is a
// non-differentiable argument of the node.

#include "core/ShapeUtils.h"
#include "core/api/RecordedOp.h"
#include "core/ops/ShapeOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::InplaceGuard;
using detail::OpAttrs;

namespace {
// int0 = the dim (wrapped), tensors[0] = the index or mask, scalar0 = alpha.
OpAttrs along_dim(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& alpha = 1) {
  OpAttrs attrs;
  attrs.int0 = detail::wrap_dim(dim, self.dim());
  attrs.tensors.push_back(index);
  attrs.scalar0 = alpha;
  return attrs;
}

Tensor value_tensor(const Tensor& self, const Scalar& value) {
  return full({}, value, TensorOptions().dtype(self.dtype()).device(self.device()));
}

void check_defined(const Tensor& a, const Tensor& b, const char* op) {
  EMBER_CHECK(a.defined() && b.defined(), "{}: the index and the source must be defined", op);
}
}  // namespace

Tensor take_along_dim(const Tensor& t, const Tensor& indices, std::optional<int64_t> dim) {
  EMBER_CHECK(indices.dtype() == kLong,
              "torch.take_along_dim(): dtype of indices should be Long but got {}",
              indices.dtype());
  if (!dim) return t.reshape({-1}).gather(0, indices.reshape({-1}));
  EMBER_CHECK(t.dim() == indices.dim(),
              "torch.take_along_dim(): input and indices should have the same number of "
              "dimensions, but got {} dimensions for input, and {} dimensions for indices",
              t.dim(), indices.dim());
  const int64_t d = detail::wrap_dim(*dim, t.dim());
  if (t.dim() == 0) return t.gather(0, indices);
  DimVector self_sizes(t.sizes());
  self_sizes[static_cast<size_t>(d)] = indices.sizes()[d];
  DimVector shape = detail::broadcast_shapes(self_sizes, indices.sizes());
  const Tensor expanded_indices = indices.expand(shape);
  shape[static_cast<size_t>(d)] = t.sizes()[d];
  return t.expand(shape).gather(d, expanded_indices);
}
Tensor Tensor::take_along_dim(const Tensor& indices, std::optional<int64_t> dim) const {
  return ember::take_along_dim(*this, indices, dim);
}

// ---- index_add, index_copy, index_fill ------------------------------------------------------
Tensor& Tensor::index_add_(int64_t dim, const Tensor& index, const Tensor& source,
                           const Scalar& alpha) {
  check_defined(index, source, "index_add_()");
  InplaceGuard guard(*this, "index_add_", GradOp::index_add, {*this, source},
                     along_dim(*this, dim, index, alpha));
  native::index_add_(*this, dim, index, source, alpha);
  return guard.commit();
}
Tensor index_add(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& source,
                 const Scalar& alpha) {
  Tensor out = t.clone();
  return out.index_add_(dim, index, source, alpha);
}
Tensor Tensor::index_add(int64_t dim, const Tensor& index, const Tensor& source,
                         const Scalar& alpha) const {
  return ember::index_add(*this, dim, index, source, alpha);
}

Tensor& Tensor::index_copy_(int64_t dim, const Tensor& index, const Tensor& source) {
  check_defined(index, source, "index_copy_()");
  InplaceGuard guard(*this, "index_copy_", GradOp::index_copy, {*this, source},
                     along_dim(*this, dim, index));
  native::index_copy_(*this, dim, index, source);
  return guard.commit();
}
Tensor index_copy(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& source) {
  Tensor out = t.clone();
  return out.index_copy_(dim, index, source);
}
Tensor Tensor::index_copy(int64_t dim, const Tensor& index, const Tensor& source) const {
  return ember::index_copy(*this, dim, index, source);
}

Tensor& Tensor::index_fill_(int64_t dim, const Tensor& index, const Scalar& value) {
  check_defined(index, index, "index_fill_()");
  InplaceGuard guard(*this, "index_fill_", GradOp::index_fill, {*this},
                     along_dim(*this, dim, index));
  native::index_fill_(*this, dim, index, value_tensor(*this, value));
  return guard.commit();
}
Tensor& Tensor::index_fill_(int64_t dim, const Tensor& index, const Tensor& value) {
  check_defined(index, value, "index_fill_()");
  InplaceGuard guard(*this, "index_fill_", GradOp::index_fill_tensor, {*this, value},
                     along_dim(*this, dim, index));
  native::index_fill_(*this, dim, index, value);
  return guard.commit();
}
Tensor index_fill(const Tensor& t, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = t.clone();
  return out.index_fill_(dim, index, value);
}
Tensor index_fill(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& value) {
  Tensor out = t.clone();
  return out.index_fill_(dim, index, value);
}
Tensor Tensor::index_fill(int64_t dim, const Tensor& index, const Scalar& value) const {
  return ember::index_fill(*this, dim, index, value);
}
Tensor Tensor::index_fill(int64_t dim, const Tensor& index, const Tensor& value) const {
  return ember::index_fill(*this, dim, index, value);
}

// ---- scatter, scatter_reduce ----------------------------------------------------------------
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Tensor& src) {
  check_defined(index, src, "scatter_()");
  InplaceGuard guard(*this, "scatter_", GradOp::scatter, {*this, src},
                     along_dim(*this, dim, index));
  native::scatter_(*this, dim, index, src);
  return guard.commit();
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Scalar& value) {
  check_defined(index, index, "scatter_()");
  InplaceGuard guard(*this, "scatter_", GradOp::scatter_value, {*this},
                     along_dim(*this, dim, index));
  native::scatter_(*this, dim, index, value_tensor(*this, value).expand(index.sizes()));
  return guard.commit();
}

// scatter_reduce: int0 = dim, tensors[0] = index, ints[0] = the reduction (0 sum, 1 mean,
// 2 prod, 3 amax, 4 amin), flag0 = include_self. prod/amax/amin save the inputs and the
// output; sum/mean record scatter_reduce_linear, which saves nothing (both are named
// ScatterReduceBackward0, as in PyTorch).
Tensor& Tensor::scatter_reduce_(int64_t dim, const Tensor& index, const Tensor& src,
                                std::string_view reduce, bool include_self) {
  check_defined(index, src, "scatter_reduce_()");
  OpAttrs attrs = along_dim(*this, dim, index);
  attrs.ints.push_back(reduce == "mean"   ? 1
                       : reduce == "prod" ? 2
                       : reduce == "amax" ? 3
                       : reduce == "amin" ? 4
                                          : 0);
  attrs.flag0 = include_self;
  const bool linear = attrs.ints.back() <= 1;
  InplaceGuard guard(*this, "scatter_reduce_",
                     linear ? GradOp::scatter_reduce_linear : GradOp::scatter_reduce, {*this, src},
                     std::move(attrs));
  native::scatter_reduce_(*this, dim, index, src, reduce, include_self);
  return guard.commit();
}
Tensor scatter_reduce(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src,
                      std::string_view reduce, bool include_self) {
  Tensor out = t.clone();
  return out.scatter_reduce_(dim, index, src, reduce, include_self);
}
Tensor Tensor::scatter_reduce(int64_t dim, const Tensor& index, const Tensor& src,
                              std::string_view reduce, bool include_self) const {
  return ember::scatter_reduce(*this, dim, index, src, reduce, include_self);
}

// scatter with reduce "add" / "multiply" is scatter_reduce's "sum" / "prod" including self.
namespace {
std::string_view scatter_reduction(std::string_view reduce) {
  EMBER_CHECK(reduce == "add" || reduce == "multiply",
              "reduce argument must be either add or multiply.");
  return reduce == "add" ? "sum" : "prod";
}
}  // namespace
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Tensor& src,
                         std::string_view reduce) {
  return scatter_reduce_(dim, index, src, scatter_reduction(reduce), true);
}
Tensor& Tensor::scatter_(int64_t dim, const Tensor& index, const Scalar& value,
                         std::string_view reduce) {
  return scatter_reduce_(dim, index, value_tensor(*this, value).expand(index.sizes()),
                         scatter_reduction(reduce), true);
}

Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = t.clone();
  return out.scatter_(dim, index, src);
}
Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = t.clone();
  return out.scatter_(dim, index, value);
}
Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src,
               std::string_view reduce) {
  Tensor out = t.clone();
  return out.scatter_(dim, index, src, reduce);
}
Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Scalar& value,
               std::string_view reduce) {
  Tensor out = t.clone();
  return out.scatter_(dim, index, value, reduce);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Tensor& src) const {
  return ember::scatter(*this, dim, index, src);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Scalar& value) const {
  return ember::scatter(*this, dim, index, value);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Tensor& src,
                       std::string_view reduce) const {
  return ember::scatter(*this, dim, index, src, reduce);
}
Tensor Tensor::scatter(int64_t dim, const Tensor& index, const Scalar& value,
                       std::string_view reduce) const {
  return ember::scatter(*this, dim, index, value, reduce);
}

// ---- masked_select, masked_scatter ----------------------------------------------------------
// masked_select: tensors[0] = the mask.
Tensor masked_select(const Tensor& t, const Tensor& mask) {
  EMBER_CHECK(mask.defined(), "masked_select: the mask is undefined");
  return detail::recorded_op(
      GradOp::masked_select, {t}, [&] { return native::masked_select(t, mask); },
      [&] {
        OpAttrs attrs;
        attrs.tensors.push_back(mask);
        return attrs;
      });
}
Tensor Tensor::masked_select(const Tensor& mask) const { return ember::masked_select(*this, mask); }

// masked_scatter: tensors[0] = the mask.
Tensor& Tensor::masked_scatter_(const Tensor& mask, const Tensor& source) {
  check_defined(mask, source, "masked_scatter_()");
  OpAttrs attrs;
  attrs.tensors.push_back(mask);
  InplaceGuard guard(*this, "masked_scatter_", GradOp::masked_scatter, {*this, source},
                     std::move(attrs));
  native::masked_scatter_(*this, mask, source);
  return guard.commit();
}
Tensor masked_scatter(const Tensor& t, const Tensor& mask, const Tensor& source) {
  EMBER_CHECK(mask.defined(), "masked_scatter: the mask is undefined");
  Tensor out = t.expand(detail::broadcast_shapes(t.sizes(), mask.sizes())).clone();
  return out.masked_scatter_(mask, source);
}
Tensor Tensor::masked_scatter(const Tensor& mask, const Tensor& source) const {
  return ember::masked_scatter(*this, mask, source);
}

}  // namespace ember
