// Public view ops: each records its base (and its node, when the input requires grad) around
// the body in core/ops/Views.cpp. Composites (view_as, reshape_as, flatten, narrow,
// operator[], expand_as) call the recorded ones.

#include "core/AutogradHooks.h"
#include "core/CheckedSize.h"
#include "core/ShapeUtils.h"
#include "core/ops/ShapeOps.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {
// Records `out` as a view of `self` when grad mode is on; the node's attributes are built only
// when there is a node (self requires grad).
template <class MakeAttrs>
Tensor recorded_view(GradOp op, const Tensor& self, Tensor out, MakeAttrs&& make_attrs) {
  if (GradMode::is_enabled()) {
    detail::autograd_hooks().record_view(
        op, self, ArrayRef<Tensor>(&out, 1),
        detail::requires_grad_fast(self) ? make_attrs() : OpAttrs{}, false);
  }
  return out;
}
Tensor recorded_view(GradOp op, const Tensor& self, Tensor out) {
  return recorded_view(op, self, std::move(out), [] { return OpAttrs{}; });
}
OpAttrs with_ints(int64_t int0, int64_t int1 = 0, int64_t int2 = 0) {
  OpAttrs attrs;
  attrs.int0 = int0;
  attrs.int1 = int1;
  attrs.int2 = int2;
  return attrs;
}
}  // namespace

Tensor Tensor::as_strided(IntArrayRef size, IntArrayRef stride,
                          std::optional<int64_t> storage_offset) const {
  Tensor out = native::as_strided(*this, size, stride, storage_offset);
  return recorded_view(GradOp::as_strided, *this, out, [&] {
    OpAttrs attrs;
    attrs.ints.assign(out.sizes().begin(), out.sizes().end());
    attrs.ints2.assign(out.strides().begin(), out.strides().end());
    attrs.int0 = out.storage_offset();
    attrs.positions.assign(strides().begin(), strides().end());
    attrs.int1 = this->storage_offset();
    return attrs;
  });
}

Tensor as_strided(const Tensor& t, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset) {
  return t.as_strided(size, stride, storage_offset);
}

// view, squeeze, unsqueeze, unsafe_view: no attributes (the input's shape is in the node).
Tensor Tensor::view(IntArrayRef size) const {
  return recorded_view(GradOp::view, *this, native::view(*this, size));
}

Tensor Tensor::view_as(const Tensor& other) const { return view(other.sizes()); }

// A view when the geometry allows one (ViewBackward0); otherwise a copy reshaped, whose node
// is UnsafeViewBackward0 after the clone's, as PyTorch records it.
Tensor Tensor::reshape(IntArrayRef shape) const {
  if (std::optional<Tensor> out = native::view_if_possible(*this, shape)) {
    return recorded_view(GradOp::view, *this, std::move(*out));
  }
  const Tensor copy = clone();
  Tensor out = native::view(copy, shape);
  if (detail::should_record(copy)) detail::record(GradOp::unsafe_view, {copy}, out);
  return out;
}

Tensor Tensor::reshape_as(const Tensor& other) const { return reshape(other.sizes()); }

Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim) const {
  if (dim() == 0) return reshape({1});
  start_dim = detail::wrap_dim(start_dim, dim());
  end_dim = detail::wrap_dim(end_dim, dim());
  EMBER_CHECK(start_dim <= end_dim,
              "flatten() has invalid args: start_dim ({}) cannot come after end_dim ({})",
              start_dim, end_dim);
  if (start_dim == end_dim) return *this;
  DimVector shape;
  for (int64_t d = 0; d < start_dim; ++d) shape.push_back(sizes()[d]);
  shape.push_back(detail::checked_numel(
      sizes().slice(static_cast<size_t>(start_dim), static_cast<size_t>(end_dim - start_dim + 1))));
  for (int64_t d = end_dim + 1; d < dim(); ++d) shape.push_back(sizes()[d]);
  return reshape(shape);
}

Tensor detail::alias(const Tensor& t) { return recorded_view(GradOp::alias, t, native::alias(t)); }

Tensor Tensor::t() const { return recorded_view(GradOp::t, *this, native::t(*this)); }

// transpose: int0, int1 = the two dims (wrapped).
Tensor Tensor::transpose(int64_t dim0, int64_t dim1) const {
  Tensor out = native::transpose(*this, dim0, dim1);
  return recorded_view(GradOp::transpose, *this, std::move(out), [&] {
    return dim() == 0 ? OpAttrs{}
                      : with_ints(detail::wrap_dim(dim0, dim()), detail::wrap_dim(dim1, dim()));
  });
}

// permute: ints = the permutation (wrapped).
Tensor Tensor::permute(IntArrayRef dims) const {
  Tensor out = native::permute(*this, dims);
  return recorded_view(GradOp::permute, *this, std::move(out), [&] {
    OpAttrs attrs;
    for (int64_t d : dims) attrs.ints.push_back(detail::wrap_dim(d, dim()));
    return attrs;
  });
}

Tensor Tensor::squeeze() const {
  return recorded_view(GradOp::squeeze, *this, native::squeeze(*this));
}

Tensor Tensor::squeeze(int64_t d) const {
  return recorded_view(GradOp::squeeze_dim, *this, native::squeeze(*this, d));
}

Tensor Tensor::unsqueeze(int64_t d) const {
  return recorded_view(GradOp::unsqueeze, *this, native::unsqueeze(*this, d));
}

// expand: no attributes (the gradient is summed back to the input's shape).
Tensor Tensor::expand(IntArrayRef size, bool /*implicit*/) const {
  return recorded_view(GradOp::expand, *this, native::expand(*this, size));
}

Tensor Tensor::expand_as(const Tensor& other) const { return expand(other.sizes()); }

// slice: int0 = dim, int1 = start, int2 = end (wrapped and clamped), scalar0 = step.
Tensor Tensor::slice(int64_t d, std::optional<int64_t> start, std::optional<int64_t> end,
                     int64_t step) const {
  const native::SliceBounds bounds = native::slice_bounds(*this, d, start, end, step);
  return recorded_view(GradOp::slice, *this, native::slice(*this, bounds, step), [&] {
    OpAttrs attrs = with_ints(bounds.dim, bounds.start, bounds.end);
    attrs.scalar0 = step;
    return attrs;
  });
}

Tensor Tensor::narrow(int64_t d, int64_t start, int64_t length) const {
  EMBER_CHECK(dim() > 0, "narrow() cannot be applied to a 0-dim tensor.");
  d = detail::wrap_dim(d, dim());
  const int64_t len = sizes()[d];
  EMBER_CHECK(length >= 0, "narrow(): length must be non-negative, got {}", length);
  EMBER_CHECK(start >= -len && start <= len,
              "start out of range (expected to be in range of [{}, {}], but got {})", -len, len,
              start);
  if (start < 0) start += len;
  EMBER_CHECK(start <= len - length, "start ({}) + length ({}) exceeds dimension size ({}).", start,
              length, len);
  return slice(d, start, start + length, 1);
}

// select: int0 = dim, int1 = index (wrapped).
Tensor Tensor::select(int64_t d, int64_t index) const {
  Tensor out = native::select(*this, d, index);
  return recorded_view(GradOp::select, *this, std::move(out), [&] {
    const auto [wrapped_dim, wrapped_index] = native::select_position(*this, d, index);
    return with_ints(wrapped_dim, wrapped_index);
  });
}

Tensor Tensor::operator[](int64_t index) const { return select(0, index); }

// unbind: int0 = dim (wrapped). Its outputs are views that may not be modified in place.
std::vector<Tensor> Tensor::unbind(int64_t d) const {
  std::vector<Tensor> out = native::unbind(*this, d);
  if (GradMode::is_enabled()) {
    detail::autograd_hooks().record_view(GradOp::unbind, *this, out,
                                         with_ints(detail::wrap_dim(d, dim())), true);
  }
  return out;
}

// diagonal: int0 = offset, int1, int2 = the dims (wrapped).
Tensor Tensor::diagonal(int64_t offset, int64_t dim1, int64_t dim2) const {
  Tensor out = native::diagonal(*this, offset, dim1, dim2);
  return recorded_view(GradOp::diagonal, *this, std::move(out), [&] {
    return with_ints(offset, detail::wrap_dim(dim1, dim()), detail::wrap_dim(dim2, dim()));
  });
}

Tensor reshape(const Tensor& t, IntArrayRef shape) { return t.reshape(shape); }
Tensor flatten(const Tensor& t, int64_t start_dim, int64_t end_dim) {
  return t.flatten(start_dim, end_dim);
}
Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1) { return t.transpose(dim0, dim1); }
Tensor t(const Tensor& x) { return x.t(); }
Tensor permute(const Tensor& t, IntArrayRef dims) { return t.permute(dims); }
Tensor squeeze(const Tensor& t) { return t.squeeze(); }
Tensor squeeze(const Tensor& t, int64_t dim) { return t.squeeze(dim); }
Tensor unsqueeze(const Tensor& t, int64_t dim) { return t.unsqueeze(dim); }
Tensor narrow(const Tensor& t, int64_t dim, int64_t start, int64_t length) {
  return t.narrow(dim, start, length);
}
Tensor select(const Tensor& t, int64_t dim, int64_t index) { return t.select(dim, index); }
std::vector<Tensor> unbind(const Tensor& t, int64_t dim) { return t.unbind(dim); }
Tensor diagonal(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2) {
  return t.diagonal(offset, dim1, dim2);
}

}  // namespace ember
