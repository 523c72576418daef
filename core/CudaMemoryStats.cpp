// The single counters of the CUDA caching allocator, read from cuda::memory_stats (the
// backend's in static builds, the forwarding one in shared builds).

#include "ember/cuda/Memory.h"

namespace ember::cuda {

size_t memory_allocated(int64_t device_index) { return memory_stats(device_index).allocated_bytes; }

size_t max_memory_allocated(int64_t device_index) {
  return memory_stats(device_index).max_allocated_bytes;
}

size_t memory_reserved(int64_t device_index) { return memory_stats(device_index).reserved_bytes; }

size_t max_memory_reserved(int64_t device_index) {
  return memory_stats(device_index).max_reserved_bytes;
}

}  // namespace ember::cuda
