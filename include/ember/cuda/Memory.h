#pragma once

// Statistics and control of the CUDA caching allocator (torch.cuda.memory_allocated, ...).
// Device memory is cached per device and per stream: freed blocks are reused by later
// allocations on the same stream without cudaMalloc/cudaFree.

#include <cstddef>
#include <cstdint>
#include <utility>

#include "ember/core/Export.h"
#include "ember/cuda/Stream.h"

namespace ember {
class Tensor;
}  // namespace ember

namespace ember::cuda {

/// Counters of one device's caching allocator.
struct EMBER_API MemoryStats {
  size_t allocated_bytes = 0;      ///< bytes in blocks handed to tensors (rounded sizes)
  size_t reserved_bytes = 0;       ///< bytes obtained from cudaMalloc and not yet freed
  size_t max_allocated_bytes = 0;  ///< peak of allocated_bytes since the last reset
  size_t max_reserved_bytes = 0;   ///< peak of reserved_bytes since the last reset
  uint64_t num_allocs = 0;         ///< allocations served (cached or not)
  uint64_t num_device_alloc = 0;   ///< cudaMalloc calls that succeeded
  uint64_t num_device_free = 0;    ///< cudaFree calls
  uint64_t num_alloc_retries = 0;  ///< allocations that freed the cache and retried
  uint64_t num_ooms = 0;           ///< allocations that failed with out-of-memory
};

/// The allocator counters of `device_index` (-1: the current device); zeros without a GPU.
EMBER_API MemoryStats memory_stats(int64_t device_index = -1);
/// Bytes currently held by tensors on the device.
EMBER_API size_t memory_allocated(int64_t device_index = -1);
/// Peak of memory_allocated since the start or the last reset_peak_memory_stats.
EMBER_API size_t max_memory_allocated(int64_t device_index = -1);
/// Bytes reserved from the driver (allocated plus cached).
EMBER_API size_t memory_reserved(int64_t device_index = -1);
/// Peak of memory_reserved.
EMBER_API size_t max_memory_reserved(int64_t device_index = -1);
/// Resets the peaks to the current values.
EMBER_API void reset_peak_memory_stats(int64_t device_index = -1);
/// The device's free and total memory in bytes, as the driver reports them.
EMBER_API std::pair<size_t, size_t> mem_get_info(int64_t device_index = -1);
/// Returns every cached, unused block of every device to the driver.
EMBER_API void empty_cache();
/// Caps the memory the allocator may reserve on a device to `fraction` of its capacity;
/// past it allocations fail with the out-of-memory error (after freeing the cache).
EMBER_API void set_per_process_memory_fraction(double fraction, int64_t device_index = -1);
/// Marks `t`'s memory as in use by `stream` as well: when freed, it is reused only after
/// the work queued on `stream` by then has finished (Tensor.record_stream in PyTorch).
EMBER_API void record_stream(const Tensor& t, const Stream& stream);

}  // namespace ember::cuda
