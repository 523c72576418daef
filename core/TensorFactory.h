#pragma once

// Fast internal constructors used by every op front end (no TensorOptions parsing).

#include <new>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

/// A new contiguous tensor with uninitialised memory from the device's caching allocator.
EMBER_INTERNAL_API Tensor empty_tensor(IntArrayRef sizes, Dtype dtype, Device device);
/// A new tensor over the same storage as `base` with the given geometry (a view).
EMBER_INTERNAL_API Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                                    int64_t storage_offset);
/// Throws when `count` tensors would not fit in this machine's memory (unbind or split of an
/// expanded dim of 2^40 asks for that many views).
EMBER_INTERNAL_API void check_view_count(int64_t count, const char* op);
/// Throws "<op>: out of memory creating <count> tensors". Out of line, so that this header
/// (which the CUDA backend includes under nvcc) needs no fmt.
[[noreturn]] EMBER_INTERNAL_API void throw_out_of_memory_for_views(int64_t count, const char* op);

/// The views make(0), ..., make(count - 1): an ember::Error, never std::bad_alloc, when there
/// are too many of them to hold.
template <class MakeView>
std::vector<Tensor> make_views(int64_t count, const char* op, MakeView&& make) {
  check_view_count(count, op);
  try {
    std::vector<Tensor> out;
    out.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) out.push_back(make(i));
    return out;
  } catch (const std::bad_alloc&) {
    throw_out_of_memory_for_views(count, op);
  }
}

/// Resolves options' device: "cuda" without an index means the current CUDA device.
EMBER_INTERNAL_API Device resolve_device(Device device);

}  // namespace ember::detail
