#include "core/ShapeUtils.h"

#include <algorithm>

#include "core/CheckedSize.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/TensorImpl.h"

namespace ember::detail {

int64_t wrap_dim(int64_t dim, int64_t ndim, bool wrap_scalar) {
  if (ndim <= 0) {
    EMBER_CHECK(wrap_scalar, "dimension specified as {} but tensor has no dimensions", dim);
    ndim = 1;
  }
  const int64_t lo = -ndim, hi = ndim - 1;
  EMBER_CHECK(dim >= lo && dim <= hi,
              "Dimension out of range (expected to be in range of [{}, {}], but got {})", lo, hi,
              dim);
  return dim < 0 ? dim + ndim : dim;
}

DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b) {
  const size_t n = std::max(a.size(), b.size());
  DimVector out(n, 1);
  for (size_t i = 0; i < n; ++i) {
    const int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    const int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    EMBER_CHECK(da == db || da == 1 || db == 1,
                "The size of tensor a ({}) must match the size of tensor b ({}) at non-singleton "
                "dimension {}",
                da, db, n - 1 - i);
    out[n - 1 - i] = da == 1 ? db : da;
  }
  return out;
}

DimVector infer_size(IntArrayRef shape, int64_t numel) {
  DimVector out(shape);
  DimVector given;  // the sizes other than the one to infer
  std::optional<size_t> infer;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      EMBER_CHECK(!infer, "only one dimension can be inferred (shape {})", shape);
      infer = i;
    } else {
      EMBER_CHECK(shape[i] >= 0, "invalid shape dimension {} in {}", shape[i], shape);
      given.push_back(shape[i]);
    }
  }
  // A product past INT64_MAX can never equal an existing tensor's element count.
  int64_t known = 0;
  EMBER_CHECK(product_fits(given, &known), "shape '{}' is invalid for input of size {}", shape,
              numel);
  if (infer) {
    EMBER_CHECK(known != 0 && numel % known == 0, "shape '{}' is invalid for input of size {}",
                shape, numel);
    out[*infer] = numel / known;
  } else {
    EMBER_CHECK(known == numel, "shape '{}' is invalid for input of size {}", shape, numel);
  }
  return out;
}

std::optional<DimVector> compute_view_strides(IntArrayRef old_sizes, IntArrayRef old_strides,
                                              IntArrayRef new_sizes) {
  // Walks old dims from the innermost, grouping those that are contiguous with each other
  // ("chunks"); each chunk must be covered exactly by a run of new dims.
  DimVector new_strides(new_sizes.size(), 0);
  if (old_sizes.empty()) {
    for (auto& s : new_strides) s = 1;
    return new_strides;
  }
  const int64_t numel = checked_numel(old_sizes);
  if (numel == 0) return DimVector(contiguous_strides(new_sizes));  // any strides would do
  int64_t view_d = static_cast<int64_t>(new_sizes.size()) - 1;
  int64_t chunk_base_stride = old_strides.back();
  int64_t tensor_numel = 1;
  int64_t view_numel = 1;
  for (int64_t tensor_d = static_cast<int64_t>(old_sizes.size()) - 1; tensor_d >= 0; --tensor_d) {
    tensor_numel *= old_sizes[tensor_d];
    const bool chunk_ends =
        tensor_d == 0 || (old_sizes[tensor_d - 1] != 1 &&
                          old_strides[tensor_d - 1] != tensor_numel * chunk_base_stride);
    if (chunk_ends) {
      while (view_d >= 0 && (view_numel < tensor_numel || new_sizes[view_d] == 1)) {
        new_strides[view_d] = view_numel * chunk_base_stride;
        view_numel *= new_sizes[view_d];
        --view_d;
      }
      if (view_numel != tensor_numel) return std::nullopt;
      if (tensor_d > 0) {
        chunk_base_stride = old_strides[tensor_d - 1];
        tensor_numel = 1;
        view_numel = 1;
      }
    }
  }
  if (view_d != -1) return std::nullopt;
  return new_strides;
}

uint64_t make_dim_mask(IntArrayRef dims, int64_t ndim) {
  EMBER_CHECK(ndim <= 64, "reductions support at most 64 dimensions, got {}", ndim);
  if (dims.empty()) return ndim == 0 ? 0 : (ndim == 64 ? ~0ULL : ((1ULL << ndim) - 1));
  uint64_t mask = 0;
  for (int64_t d : dims) {
    const int64_t w = wrap_dim(d, ndim);
    EMBER_CHECK(!(mask & (1ULL << w)), "dim {} appears multiple times in the list of dims", w);
    mask |= 1ULL << w;
  }
  if (ndim == 0) mask = 0;
  return mask;
}

DimVector reduced_shape(IntArrayRef sizes, uint64_t mask, bool keepdim) {
  DimVector out;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (mask & (1ULL << d)) {
      if (keepdim) out.push_back(1);
    } else {
      out.push_back(sizes[d]);
    }
  }
  return out;
}

DimSplit split_at_dim(IntArrayRef sizes, int64_t dim) {
  DimSplit split;
  const auto ndim = static_cast<int64_t>(sizes.size());
  // Checked: beside a zero size, the others' product may not fit ({2^62, 4, 0}).
  split.outer = checked_numel(sizes.slice(0, static_cast<size_t>(std::min(dim, ndim))));
  if (dim < ndim) {
    split.size = sizes[dim];
    split.inner = checked_numel(
        sizes.slice(static_cast<size_t>(dim + 1), static_cast<size_t>(ndim - dim - 1)));
  }
  return split;
}

}  // namespace ember::detail
