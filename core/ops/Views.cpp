// View operations: new geometry over the same storage, never a copy (except reshape and
// flatten of data that no view can describe, as in PyTorch).

#include <numeric>

#include "core/CheckedSize.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::make_view;
using detail::wrap_dim;

namespace {
// The storage offset of a view of `t` starting at `index` along a dim of stride `stride` (as
// PyTorch reports it). A view with elements starts inside t's extent, so this fits, in bytes
// too. An empty view's offset is never used: where it would not fit (the huge dims an empty
// tensor may have), or where the storage has no memory at all (no address to offset), the
// view keeps t's offset.
int64_t offset_along(const Tensor& t, int64_t index, int64_t stride, bool empty_view) {
  const int64_t base = t.storage_offset();
  if (!empty_view) return base + index * stride;
  if (t.storage().data() == nullptr) return base;
  int64_t step = 0, offset = 0, bytes = 0;
  const bool fits = detail::checked_mul(index, stride, &step) &&
                    detail::checked_add(base, step, &offset) &&
                    detail::checked_mul(offset, t.element_size(), &bytes);
  return fits ? offset : base;
}
}  // namespace

Tensor Tensor::view(IntArrayRef size) const {
  const DimVector shape = detail::infer_size(size, numel());
  const auto strides = detail::compute_view_strides(sizes(), this->strides(), shape);
  EMBER_CHECK(strides.has_value(),
              "view size is not compatible with input tensor's size and stride (at least one "
              "dimension spans across two contiguous subspaces). Use .reshape(...) instead. "
              "(input shape {}, strides {}, requested shape {})",
              sizes(), this->strides(), size);
  return make_view(*this, shape, *strides, storage_offset());
}

Tensor Tensor::view_as(const Tensor& other) const { return view(other.sizes()); }

Tensor Tensor::reshape(IntArrayRef shape) const {
  const DimVector target = detail::infer_size(shape, numel());
  if (auto strides = detail::compute_view_strides(sizes(), this->strides(), target)) {
    return make_view(*this, target, *strides, storage_offset());
  }
  return clone().view(target);
}

Tensor Tensor::reshape_as(const Tensor& other) const { return reshape(other.sizes()); }

Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim) const {
  if (dim() == 0) return reshape({1});
  start_dim = wrap_dim(start_dim, dim());
  end_dim = wrap_dim(end_dim, dim());
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

Tensor Tensor::t() const {
  EMBER_CHECK(dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is {}D", dim());
  if (dim() < 2) return *this;
  return transpose(0, 1);
}

Tensor Tensor::transpose(int64_t dim0, int64_t dim1) const {
  const int64_t n = dim();
  dim0 = wrap_dim(dim0, n);
  dim1 = wrap_dim(dim1, n);
  if (n == 0) return *this;
  DimVector sz(sizes()), st(strides());
  std::swap(sz[dim0], sz[dim1]);
  std::swap(st[dim0], st[dim1]);
  return make_view(*this, sz, st, storage_offset());
}

Tensor Tensor::permute(IntArrayRef dims) const {
  const int64_t n = dim();
  EMBER_CHECK(static_cast<int64_t>(dims.size()) == n,
              "permute(): number of dimensions in the tensor input does not match the length of "
              "the desired ordering of dimensions i.e. input.dim() = {} is not equal to "
              "len(dims) = {}",
              n, dims.size());
  DimVector sz(static_cast<size_t>(n), 0), st(static_cast<size_t>(n), 0);
  uint64_t seen = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t d = wrap_dim(dims[i], n);
    EMBER_CHECK(!(seen & (1ULL << d)), "permute(): duplicate dims are not allowed ({})", dims);
    seen |= 1ULL << d;
    sz[i] = sizes()[d];
    st[i] = strides()[d];
  }
  return make_view(*this, sz, st, storage_offset());
}

Tensor Tensor::squeeze() const {
  DimVector sz, st;
  for (int64_t d = 0; d < dim(); ++d) {
    if (sizes()[d] == 1) continue;
    sz.push_back(sizes()[d]);
    st.push_back(strides()[d]);
  }
  return make_view(*this, sz, st, storage_offset());
}

Tensor Tensor::squeeze(int64_t d) const {
  d = wrap_dim(d, dim());
  if (dim() == 0 || sizes()[d] != 1) return make_view(*this, sizes(), strides(), storage_offset());
  DimVector sz(sizes()), st(strides());
  sz.erase_at(static_cast<size_t>(d));
  st.erase_at(static_cast<size_t>(d));
  return make_view(*this, sz, st, storage_offset());
}

Tensor Tensor::unsqueeze(int64_t d) const {
  d = wrap_dim(d, dim() + 1);
  DimVector sz(sizes()), st(strides());
  // Beside a zero size, sizes()[d] * strides()[d] may not fit; any stride then does.
  int64_t new_stride = 1;
  if (d < dim() && !detail::checked_mul(sizes()[d], strides()[d], &new_stride)) new_stride = 1;
  sz.insert_at(static_cast<size_t>(d), 1);
  st.insert_at(static_cast<size_t>(d), new_stride);
  return make_view(*this, sz, st, storage_offset());
}

Tensor Tensor::expand(IntArrayRef size, bool /*implicit*/) const {
  const int64_t n = static_cast<int64_t>(size.size());
  EMBER_CHECK(n >= dim(),
              "expand: the number of sizes provided ({}) must be greater or equal to the number "
              "of dimensions in the tensor ({})",
              n, dim());
  DimVector sz(static_cast<size_t>(n), 0), st(static_cast<size_t>(n), 0);
  for (int64_t i = n - 1; i >= 0; --i) {
    const int64_t offset = n - 1 - i;
    const int64_t d = dim() - 1 - offset;
    const int64_t own = d >= 0 ? sizes()[d] : 1;
    // A new leading dim has size 1 or is expanded (stride 0): its stride is never used, so
    // where sz * st of the next dim overflows (huge sizes beside a zero) 1 does as well.
    int64_t own_stride = 1;
    if (d >= 0) {
      own_stride = strides()[d];
    } else if (i + 1 < n && !detail::checked_mul(sz[i + 1], st[i + 1], &own_stride)) {
      own_stride = 1;
    }
    int64_t target = size[i];
    if (target == -1) {
      EMBER_CHECK(d >= 0,
                  "expand: -1 is not allowed in a leading, non-existing dimension {} (sizes {})", i,
                  size);
      target = own;
    }
    EMBER_CHECK(target >= 0, "expand: invalid size {} at dimension {}", target, i);
    if (own == target) {
      sz[i] = own;
      st[i] = own_stride;
    } else {
      EMBER_CHECK(own == 1,
                  "The expanded size of the tensor ({}) must match the existing size ({}) at "
                  "non-singleton dimension {}.  Target sizes: {}.  Tensor sizes: {}",
                  target, own, i, size, sizes());
      sz[i] = target;
      st[i] = 0;
    }
  }
  return make_view(*this, sz, st, storage_offset());
}

Tensor Tensor::expand_as(const Tensor& other) const { return expand(other.sizes()); }

Tensor Tensor::slice(int64_t d, std::optional<int64_t> start, std::optional<int64_t> end,
                     int64_t step) const {
  EMBER_CHECK(dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
  d = wrap_dim(d, dim());
  EMBER_CHECK(step > 0, "slice step must be positive, got {}", step);
  const int64_t len = sizes()[d];
  int64_t s = start.value_or(0), e = end.value_or(len);
  if (s < 0) s += len;
  if (e < 0) e += len;
  s = std::clamp<int64_t>(s, 0, len);
  e = std::clamp<int64_t>(e, s, len);
  DimVector sz(sizes()), st(strides());
  sz[d] = e == s ? 0 : (e - s - 1) / step + 1;  // (e - s + step - 1) could overflow
  // With two or more elements taken, stride * step lies within the tensor's extent; otherwise
  // (one element, or an empty tensor) the stride is never used and may stay as it was.
  if (!detail::checked_mul(strides()[d], step, &st[d])) st[d] = strides()[d];
  const bool empty_view = numel() == 0 || sz[d] == 0;
  return make_view(*this, sz, st, offset_along(*this, s, strides()[d], empty_view));
}

Tensor Tensor::narrow(int64_t d, int64_t start, int64_t length) const {
  EMBER_CHECK(dim() > 0, "narrow() cannot be applied to a 0-dim tensor.");
  d = wrap_dim(d, dim());
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

Tensor Tensor::select(int64_t d, int64_t index) const {
  EMBER_CHECK(dim() > 0, "select() cannot be applied to a 0-dim tensor.");
  d = wrap_dim(d, dim());
  const int64_t len = sizes()[d];
  EMBER_CHECK(index >= -len && index < len,
              "select(): index {} out of range for tensor of size {} at dimension {}", index,
              sizes(), d);
  if (index < 0) index += len;
  DimVector sz(sizes()), st(strides());
  sz.erase_at(static_cast<size_t>(d));
  st.erase_at(static_cast<size_t>(d));
  return make_view(*this, sz, st, offset_along(*this, index, strides()[d], numel() == 0));
}

Tensor Tensor::operator[](int64_t index) const { return select(0, index); }

std::vector<Tensor> Tensor::unbind(int64_t d) const {
  EMBER_CHECK(dim() > 0, "Dimension specified as 0 but tensor has no dimensions");
  d = wrap_dim(d, dim());
  return detail::make_views(sizes()[d], "unbind", [&](int64_t i) { return select(d, i); });
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

}  // namespace ember

namespace ember::native {

Tensor as_strided(const Tensor& t, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset) {
  EMBER_CHECK(size.size() == stride.size(),
              "as_strided: mismatch in length of strides and shape: {} sizes and {} strides",
              size.size(), stride.size());
  for (size_t d = 0; d < stride.size(); ++d) {
    EMBER_CHECK(stride[d] >= 0,
                "as_strided: Negative strides are not supported at the moment, "
                "got strides: {}",
                stride);
  }
  const int64_t offset = storage_offset.value_or(t.storage_offset());
  EMBER_CHECK(offset >= 0, "as_strided: Tensor: invalid storage offset {}", offset);
  const size_t needed = detail::storage_nbytes(size, stride, t.element_size(), offset);
  EMBER_CHECK(needed <= t.storage().nbytes(),
              "setStorage: sizes {}, strides {}, storage offset {}, and itemsize {} requiring a "
              "storage size of {} are out of bounds for storage of size {}",
              size, stride, offset, t.element_size(), needed, t.storage().nbytes());
  return make_view(t, size, stride, offset);
}

}  // namespace ember::native
