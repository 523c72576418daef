// The bodies of the view ops: new geometry over the same storage, never a copy.

#include <algorithm>

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
}  // namespace ember

namespace ember::native {

Tensor alias(const Tensor& t) { return make_view(t, t.sizes(), t.strides(), t.storage_offset()); }

std::optional<Tensor> view_if_possible(const Tensor& t, IntArrayRef shape) {
  const DimVector target = detail::infer_size(shape, t.numel());
  const auto strides = detail::compute_view_strides(t.sizes(), t.strides(), target);
  if (!strides.has_value()) return std::nullopt;
  return make_view(t, target, *strides, t.storage_offset());
}

Tensor view(const Tensor& t, IntArrayRef size) {
  std::optional<Tensor> out = view_if_possible(t, size);
  EMBER_CHECK(out.has_value(),
              "view size is not compatible with input tensor's size and stride (at least one "
              "dimension spans across two contiguous subspaces). Use .reshape(...) instead. "
              "(input shape {}, strides {}, requested shape {})",
              t.sizes(), t.strides(), size);
  return std::move(*out);
}

Tensor t(const Tensor& self) {
  EMBER_CHECK(self.dim() <= 2, "t() expects a tensor with <= 2 dimensions, but self is {}D",
              self.dim());
  if (self.dim() < 2) return native::alias(self);
  return native::transpose(self, 0, 1);
}

Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1) {
  const int64_t n = t.dim();
  dim0 = wrap_dim(dim0, n);
  dim1 = wrap_dim(dim1, n);
  if (n == 0) return native::alias(t);
  DimVector sz(t.sizes()), st(t.strides());
  std::swap(sz[dim0], sz[dim1]);
  std::swap(st[dim0], st[dim1]);
  return make_view(t, sz, st, t.storage_offset());
}

Tensor permute(const Tensor& t, IntArrayRef dims) {
  const int64_t n = t.dim();
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
    sz[i] = t.sizes()[d];
    st[i] = t.strides()[d];
  }
  return make_view(t, sz, st, t.storage_offset());
}

Tensor squeeze(const Tensor& t) {
  DimVector sz, st;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (t.sizes()[d] == 1) continue;
    sz.push_back(t.sizes()[d]);
    st.push_back(t.strides()[d]);
  }
  return make_view(t, sz, st, t.storage_offset());
}

Tensor squeeze(const Tensor& t, int64_t d) {
  d = wrap_dim(d, t.dim());
  if (t.dim() == 0 || t.sizes()[d] != 1) return native::alias(t);
  DimVector sz(t.sizes()), st(t.strides());
  sz.erase_at(static_cast<size_t>(d));
  st.erase_at(static_cast<size_t>(d));
  return make_view(t, sz, st, t.storage_offset());
}

Tensor unsqueeze(const Tensor& t, int64_t d) {
  d = wrap_dim(d, t.dim() + 1);
  DimVector sz(t.sizes()), st(t.strides());
  // Beside a zero size, sizes()[d] * strides()[d] may not fit; any stride then does.
  int64_t new_stride = 1;
  if (d < t.dim() && !detail::checked_mul(t.sizes()[d], t.strides()[d], &new_stride)) {
    new_stride = 1;
  }
  sz.insert_at(static_cast<size_t>(d), 1);
  st.insert_at(static_cast<size_t>(d), new_stride);
  return make_view(t, sz, st, t.storage_offset());
}

Tensor expand(const Tensor& t, IntArrayRef size) {
  const int64_t n = static_cast<int64_t>(size.size());
  EMBER_CHECK(n >= t.dim(),
              "expand: the number of sizes provided ({}) must be greater or equal to the number "
              "of dimensions in the tensor ({})",
              n, t.dim());
  DimVector sz(static_cast<size_t>(n), 0), st(static_cast<size_t>(n), 0);
  for (int64_t i = n - 1; i >= 0; --i) {
    const int64_t offset = n - 1 - i;
    const int64_t d = t.dim() - 1 - offset;
    const int64_t own = d >= 0 ? t.sizes()[d] : 1;
    // A new leading dim has size 1 or is expanded (stride 0): its stride is never used, so
    // where sz * st of the next dim overflows (huge sizes beside a zero) 1 does as well.
    int64_t own_stride = 1;
    if (d >= 0) {
      own_stride = t.strides()[d];
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
                  target, own, i, size, t.sizes());
      sz[i] = target;
      st[i] = 0;
    }
  }
  return make_view(t, sz, st, t.storage_offset());
}

SliceBounds slice_bounds(const Tensor& t, int64_t d, std::optional<int64_t> start,
                         std::optional<int64_t> end, int64_t step) {
  EMBER_CHECK(t.dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
  d = wrap_dim(d, t.dim());
  EMBER_CHECK(step > 0, "slice step must be positive, got {}", step);
  const int64_t len = t.sizes()[d];
  int64_t s = start.value_or(0), e = end.value_or(len);
  if (s < 0) s += len;
  if (e < 0) e += len;
  s = std::clamp<int64_t>(s, 0, len);
  e = std::clamp<int64_t>(e, s, len);
  return SliceBounds{d, s, e};
}

Tensor slice(const Tensor& t, const SliceBounds& b, int64_t step) {
  const int64_t d = b.dim, s = b.start, e = b.end;
  DimVector sz(t.sizes()), st(t.strides());
  sz[d] = e == s ? 0 : (e - s - 1) / step + 1;  // (e - s + step - 1) could overflow
  // With two or more elements taken, stride * step lies within the tensor's extent; otherwise
  // (one element, or an empty tensor) the stride is never used and may stay as it was.
  if (!detail::checked_mul(t.strides()[d], step, &st[d])) st[d] = t.strides()[d];
  const bool empty_view = t.numel() == 0 || sz[d] == 0;
  return make_view(t, sz, st, offset_along(t, s, t.strides()[d], empty_view));
}

std::pair<int64_t, int64_t> select_position(const Tensor& t, int64_t d, int64_t index) {
  EMBER_CHECK(t.dim() > 0, "select() cannot be applied to a 0-dim tensor.");
  d = wrap_dim(d, t.dim());
  const int64_t len = t.sizes()[d];
  EMBER_CHECK(index >= -len && index < len,
              "select(): index {} out of range for tensor of size {} at dimension {}", index,
              t.sizes(), d);
  if (index < 0) index += len;
  return {d, index};
}

Tensor select(const Tensor& t, int64_t dim, int64_t index) {
  const auto [d, i] = select_position(t, dim, index);
  DimVector sz(t.sizes()), st(t.strides());
  sz.erase_at(static_cast<size_t>(d));
  st.erase_at(static_cast<size_t>(d));
  return make_view(t, sz, st, offset_along(t, i, t.strides()[d], t.numel() == 0));
}

std::vector<Tensor> unbind(const Tensor& t, int64_t d) {
  EMBER_CHECK(t.dim() > 0, "Dimension specified as 0 but tensor has no dimensions");
  d = wrap_dim(d, t.dim());
  return detail::make_views(t.sizes()[d], "unbind",
                            [&](int64_t i) { return native::select(t, d, i); });
}

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
