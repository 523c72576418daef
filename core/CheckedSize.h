#pragma once

// Overflow-checked size arithmetic for every count derived from a user's shape: element counts,
// byte counts, the extent of a view's strides and allocation sizes. Shapes are untrusted input
// (a size of 2^62 is a valid int64), so these computations must refuse rather than wrap; the
// messages are c10's.

#include <cstddef>
#include <cstdint>

#include "ember/core/ArrayRef.h"

namespace ember::detail {

/// The most bytes one storage may span (c10's storage_max(): PTRDIFF_MAX). Byte counts above
/// this are refused before any allocator sees them, so allocators never round such a size.
inline constexpr uint64_t kMaxStorageBytes = static_cast<uint64_t>(INT64_MAX);

/// The most dimensions a tensor may have. Dim sets are 64-bit masks (as c10's DimMask), so this
/// one limit, checked whenever a tensor's geometry is set, covers every op.
inline constexpr int64_t kMaxTensorDims = 64;

/// a * b and a + b for non-negative operands; false when the result exceeds INT64_MAX.
inline bool checked_mul(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}
inline bool checked_add(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_add_overflow(a, b, out);
}

/// The product of non-negative `sizes` in *out; false when it exceeds INT64_MAX. Zero when any
/// size is zero, however large the others (c10's safe_multiplies_u64).
bool product_fits(IntArrayRef sizes, int64_t* out);

/// Throws "Ember tensors have at most 64 dimensions" for a larger `ndim`.
void check_tensor_rank(size_t ndim);

/// The product of non-negative `sizes`; throws "numel: integer multiplication overflow" when it
/// exceeds INT64_MAX. Zero when any size is zero, however large the others.
int64_t checked_numel(IntArrayRef sizes);

/// Bytes of a contiguous tensor of `sizes` starting `storage_offset` elements into its storage;
/// throws "Storage size calculation overflowed with sizes=..." above kMaxStorageBytes.
size_t storage_nbytes_contiguous(IntArrayRef sizes, size_t itemsize, int64_t storage_offset = 0);

/// Bytes a strided tensor reaches: (storage_offset + 1 + sum((size - 1) * stride)) * itemsize,
/// 0 when it has no elements. Strides must be non-negative. Throws "Storage size calculation
/// overflowed with sizes=... and strides=..." above kMaxStorageBytes.
size_t storage_nbytes(IntArrayRef sizes, IntArrayRef strides, size_t itemsize,
                      int64_t storage_offset);

}  // namespace ember::detail
