#pragma once

// Advanced (integer-array and mask) indexing, the part of Tensor::index / index_put_ that
// copies: the bodies of libtorch's at::index and at::index_put_ (native::), and the recorded
// versions (detail::, defined in core/api/Indexing.cpp). Basic indexing (ints, slices, None,
// Ellipsis) is a view and lives in TensorIndexing.cpp.

#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::native {

/// self[indices] as at::index: slot i indexes the next dimension of self (a k-dim bool/uint8
/// mask takes k dimensions), an undefined slot takes a whole dimension, and trailing
/// dimensions are taken whole. Index tensors are int64/int32 (negative values count from the
/// end) and broadcast together. `error_dims`, one per slot when given, is the dimension an
/// out-of-bounds error names (the caller's view of the tensor).
EMBER_INTERNAL_API Tensor index(const Tensor& self, ArrayRef<Tensor> indices,
                                IntArrayRef error_dims = {});

/// self[indices] = value as at::index_put_ (+= when `accumulate`); value has self's dtype and
/// broadcasts to the indexing result. Duplicate indices: the last write wins, in the order
/// PyTorch's CPU visits them (the memory order of the value, then of the index).
/// Neither checks autograd's in-place rules nor bumps the version counter (InplaceGuard does
/// both).
EMBER_INTERNAL_API Tensor& index_put_(Tensor& self, ArrayRef<Tensor> indices, const Tensor& value,
                                      bool accumulate = false, IntArrayRef error_dims = {});

}  // namespace ember::native

namespace ember::detail {

/// self[indices], recorded (IndexBackward0): what Tensor::index and the backward formulas call.
EMBER_INTERNAL_API Tensor index(const Tensor& self, ArrayRef<Tensor> indices,
                                IntArrayRef error_dims = {});
/// self[indices] = value (+= with `accumulate`), recorded (IndexPutBackward0).
EMBER_INTERNAL_API Tensor& index_put_(Tensor& self, ArrayRef<Tensor> indices, const Tensor& value,
                                      bool accumulate = false, IntArrayRef error_dims = {});

/// True when some dimension of `t` of size > 1 has stride 0 (several elements share memory).
EMBER_INTERNAL_API bool has_internal_overlap(const Tensor& t);

}  // namespace ember::detail
