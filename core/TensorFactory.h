#pragma once

// Fast internal constructors used by every op front end (no TensorOptions parsing).

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

/// A new contiguous tensor with uninitialised memory from the device's caching allocator.
EMBER_INTERNAL_API Tensor empty_tensor(IntArrayRef sizes, Dtype dtype, Device device);
/// A new tensor over the same storage as `base` with the given geometry (a view).
EMBER_INTERNAL_API Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                                    int64_t storage_offset);
/// Resolves options' device: "cuda" without an index means the current CUDA device.
EMBER_INTERNAL_API Device resolve_device(Device device);

}  // namespace ember::detail
