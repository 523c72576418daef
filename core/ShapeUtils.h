#pragma once

// Shape arithmetic shared by the op front ends: dimension wrapping, broadcasting, view
// stride computation.

#include <cstdint>
#include <optional>

#include "ember/core/ArrayRef.h"
#include "ember/core/Export.h"
#include "ember/core/SmallVector.h"

namespace ember::detail {

/// Maps a possibly negative `dim` into [0, ndim); throws PyTorch's "Dimension out of range"
/// error otherwise. A 0-d tensor accepts dims -1 and 0 (wrap_scalar).
EMBER_INTERNAL_API int64_t wrap_dim(int64_t dim, int64_t ndim, bool wrap_scalar = true);

/// The broadcast of two shapes (NumPy rules); throws when they are incompatible.
EMBER_INTERNAL_API DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b);

/// Replaces one -1 in `shape` by what makes the element count `numel`; checks the count.
EMBER_INTERNAL_API DimVector infer_size(IntArrayRef shape, int64_t numel);

/// Strides giving `new_sizes` over memory laid out as (old_sizes, old_strides) without a
/// copy, or nothing when no such strides exist (then reshape must copy).
EMBER_INTERNAL_API std::optional<DimVector> compute_view_strides(IntArrayRef old_sizes,
                                                                 IntArrayRef old_strides,
                                                                 IntArrayRef new_sizes);

/// A bitmask of the dims listed in `dims` (wrapped); an empty list means every dim.
/// Throws on repeated dims. At most 64 dims.
EMBER_INTERNAL_API uint64_t make_dim_mask(IntArrayRef dims, int64_t ndim);

/// `sizes` with the dims in `mask` set to 1 (keepdim) or removed.
EMBER_INTERNAL_API DimVector reduced_shape(IntArrayRef sizes, uint64_t mask, bool keepdim);

/// A contiguous tensor seen as [outer, size, inner] around one dim: the layout the along-dim
/// kernels (cumsum, softmax, cat, index_select) walk. A 0-d tensor is [1, 1, 1].
struct EMBER_INTERNAL_API DimSplit {
  int64_t outer = 1;
  int64_t size = 1;
  int64_t inner = 1;
  /// Zero when any part is: the other two may then be huge ({2^62, 4, 0} split at dim 1).
  int64_t numel() const { return outer == 0 || size == 0 || inner == 0 ? 0 : outer * size * inner; }
};

/// `sizes` split around `dim` (already wrapped).
EMBER_INTERNAL_API DimSplit split_at_dim(IntArrayRef sizes, int64_t dim);

}  // namespace ember::detail
