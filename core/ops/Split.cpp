// The bodies of split, split_with_sizes and chunk: views of consecutive pieces along one
// dimension.

#include <vector>

#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

std::vector<Tensor> split(const Tensor& t, int64_t split_size, int64_t dim) {
  EMBER_CHECK(t.dim() != 0, "split expects at least a 1-dimensional tensor");
  EMBER_CHECK(split_size >= 0, "split expects split_size be non-negative, but got split_size={}",
              split_size);
  dim = detail::wrap_dim(dim, t.dim());
  const int64_t dim_size = t.sizes()[dim];
  EMBER_CHECK(split_size > 0 || dim_size == 0,
              "split_size can only be 0 if dimension size is 0, but got dimension size of {}",
              dim_size);
  // At least one piece, even when split_size exceeds the dimension (as PyTorch).
  int64_t pieces = 1;
  if (split_size > 0) {
    pieces = std::max<int64_t>(dim_size / split_size + (dim_size % split_size != 0), 1);
  }
  return detail::make_views(pieces, "split", [&](int64_t i) {
    const int64_t start = i * split_size;
    return native::slice(t, SliceBounds{dim, start, i + 1 < pieces ? start + split_size : dim_size},
                         1);
  });
}

std::vector<Tensor> split_with_sizes(const Tensor& t, IntArrayRef split_sizes, int64_t dim) {
  EMBER_CHECK(t.dim() != 0, "split expects at least a 1-dimensional tensor");
  dim = detail::wrap_dim(dim, t.dim());
  const int64_t dim_size = t.sizes()[dim];
  int64_t total = 0;
  for (int64_t s : split_sizes) {
    EMBER_CHECK(s >= 0,
                "split_with_sizes expects split_sizes have only non-negative entries, but got "
                "split_sizes={}",
                split_sizes);
    total = s > dim_size - total ? dim_size + 1 : total + s;  // saturate: no overflow
  }
  EMBER_CHECK(total == dim_size,
              "split_with_sizes expects split_sizes to sum exactly to {} (input tensor's size at "
              "dimension {}), but got split_sizes={}",
              dim_size, dim, split_sizes);
  std::vector<Tensor> out;
  out.reserve(split_sizes.size());
  int64_t start = 0;
  for (int64_t s : split_sizes) {
    out.push_back(native::slice(t, SliceBounds{dim, start, start + s}, 1));
    start += s;
  }
  return out;
}

std::vector<Tensor> chunk(const Tensor& t, int64_t chunks, int64_t dim) {
  EMBER_CHECK(t.dim() > 0, "chunk expects at least a 1-dimensional tensor");
  EMBER_CHECK(chunks > 0, "chunk expects `chunks` to be greater than 0, got: {}", chunks);
  dim = detail::wrap_dim(dim, t.dim());
  const int64_t dim_size = t.sizes()[dim];
  const int64_t split_size = dim_size / chunks + (dim_size % chunks != 0);
  // An empty dimension still gives `chunks` (empty) pieces.
  if (split_size == 0 && dim_size == 0) {
    return detail::make_views(chunks, "chunk", [&](int64_t) {
      return native::slice(t, SliceBounds{dim, 0, 0}, 1);
    });
  }
  return native::split(t, split_size, dim);
}

}  // namespace ember::native
