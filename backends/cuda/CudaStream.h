#pragma once

// The backend's view of streams: the raw handle of the calling thread's current stream.

#include <cuda_runtime_api.h>

#include <cstdint>

namespace ember::cuda::impl {

/// The calling thread's current stream on `device` (a valid index); nullptr = default stream.
cudaStream_t current_raw_stream(int8_t device);
/// Waits for `stream` (its device current), then throws a bad-index error that an indexing
/// kernel has reported (IndexErrors.h). Every host wait on the device goes through it.
void synchronize_stream(cudaStream_t stream);

}  // namespace ember::cuda::impl
