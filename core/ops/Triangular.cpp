// tril, triu, diagonal, diag_embed and trace: the triangles and diagonals of the last two
// dims (of dim1 and dim2 for the diagonals).

#include <algorithm>

#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/ShapeOps.h"
#include "core/ops/WhereOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

namespace {
Tensor triangle(const Tensor& t, int64_t diagonal, bool lower) {
  EMBER_CHECK(t.dim() >= 2, "{}: input tensor must have at least 2 dimensions",
              lower ? "tril" : "triu");
  const Tensor mask = triangle_mask(t.size(-2), t.size(-1), diagonal, lower, t.device());
  return native::where(mask, t, zeros({}, TensorOptions().dtype(t.dtype()).device(t.device())));
}
}  // namespace

Tensor triangle_mask(int64_t rows, int64_t cols, int64_t diagonal, bool lower, Device device) {
  const TensorOptions longs = TensorOptions().dtype(kLong).device(device);
  // Element (i, j) lies on diagonal j - i.
  const Tensor on_diagonal = arange(cols, longs) - arange(rows, longs).unsqueeze(1);
  return lower ? on_diagonal <= diagonal : on_diagonal >= diagonal;
}

Tensor tril(const Tensor& t, int64_t diagonal) { return triangle(t, diagonal, true); }
Tensor triu(const Tensor& t, int64_t diagonal) { return triangle(t, diagonal, false); }

Tensor diagonal(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2) {
  const int64_t d1 = detail::wrap_dim(dim1, t.dim());
  const int64_t d2 = detail::wrap_dim(dim2, t.dim());
  EMBER_CHECK(d1 != d2, "diagonal dimensions cannot be identical {}, {}", dim1, dim2);
  const IntArrayRef sizes = t.sizes(), strides = t.strides();
  int64_t length = 0, start = t.storage_offset();
  if (offset >= 0) {
    length = std::max<int64_t>(std::min(sizes[d1], sizes[d2] - offset), 0);
    if (length > 0) start += offset * strides[d2];
  } else {
    length = std::max<int64_t>(std::min(sizes[d1] + offset, sizes[d2]), 0);
    if (length > 0) start -= offset * strides[d1];
  }
  DimVector out_sizes, out_strides;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (d == d1 || d == d2) continue;
    out_sizes.push_back(sizes[d]);
    out_strides.push_back(strides[d]);
  }
  out_sizes.push_back(length);
  out_strides.push_back(length > 0 ? strides[d1] + strides[d2] : 1);
  return detail::make_view(t, out_sizes, out_strides, start);
}

Tensor diag_embed(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2) {
  const int64_t out_dim = t.dim() + 1;
  const int64_t d1 = detail::wrap_dim(dim1, out_dim);
  const int64_t d2 = detail::wrap_dim(dim2, out_dim);
  EMBER_CHECK(d1 != d2, "diagonal dimensions cannot be identical {}, {}", dim1, dim2);
  const int64_t n = (t.dim() == 0 ? 1 : t.size(-1)) + (offset < 0 ? -offset : offset);
  DimVector sizes;
  for (int64_t d = 0; d + 1 < t.dim(); ++d) sizes.push_back(t.sizes()[d]);
  sizes.insert_at(static_cast<size_t>(std::min(d1, d2)), n);
  sizes.insert_at(static_cast<size_t>(std::max(d1, d2)), n);
  Tensor out = zeros(sizes, TensorOptions().dtype(t.dtype()).device(t.device()));
  native::diagonal(out, offset, d1, d2).copy_(t);
  return out;
}

Tensor trace(const Tensor& t) {
  EMBER_CHECK(t.dim() == 2, "trace: expected a matrix, but got tensor with dim {}", t.dim());
  EMBER_CHECK(t.dtype() != kBool, "\"trace\" not implemented for 'Bool'");
  return sum(native::diagonal(t, 0, 0, 1));
}

}  // namespace ember::native
