#pragma once

#include <cstddef>
#include <cstdint>

namespace ember::cuda {

/// True when Ember was built with CUDA and a usable GPU and driver are present.
bool is_available();
/// Number of usable GPUs (0 without CUDA, a driver or a GPU).
int64_t device_count();
/// Waits for all work queued on the current device.
void synchronize();

}  // namespace ember::cuda
