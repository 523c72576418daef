#pragma once

// The CUDA caching allocators: device memory (per device, per stream) and page-locked host
// memory for asynchronous transfers.

#include <cuda_runtime_api.h>

#include "ember/core/Allocator.h"

namespace ember::cuda::impl {

/// The allocator registered for kCUDA.
Allocator* device_allocator();
/// The allocator of pinned (page-locked) host memory behind Tensor::pin_memory().
Allocator* host_allocator();
/// Notes that the pinned host block starting at `base` is read or written by work queued on
/// `stream`: the block is not reused before that work has finished. No-op for other memory.
void record_host_use(void* base, int8_t device, cudaStream_t stream);

}  // namespace ember::cuda::impl
