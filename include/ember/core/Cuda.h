#pragma once

// Device queries and global switches of the CUDA backend. Every function here exists in every
// build: without CUDA (or without a GPU or driver) the queries report no GPU and the actions
// throw a clear ember::Error. Streams, events, guards and memory statistics are in
// ember/cuda/*.h.

#include <cstddef>
#include <cstdint>

#include "ember/core/Export.h"

namespace ember::cuda {

/// True when Ember was built with CUDA and a usable GPU and driver are present.
EMBER_API bool is_available();
/// Number of usable GPUs (0 without CUDA, a driver or a GPU).
EMBER_API int64_t device_count();
/// Waits for all work queued on device `device_index` (-1: the current device).
EMBER_API void synchronize(int64_t device_index = -1);
/// Index of this thread's current CUDA device.
EMBER_API int64_t current_device();
/// Makes `device_index` this thread's current CUDA device.
EMBER_API void set_device(int64_t device_index);
/// Seeds the random number generator of the current CUDA device.
EMBER_API void manual_seed(uint64_t seed);
/// Seeds the random number generators of every CUDA device.
EMBER_API void manual_seed_all(uint64_t seed);
/// Lets float32 matmul use TF32 tensor cores (off by default, as PyTorch's
/// torch.backends.cuda.matmul.allow_tf32).
EMBER_API void set_allow_tf32(bool allow);
/// Whether float32 matmul may use TF32.
EMBER_API bool allow_tf32();

}  // namespace ember::cuda
