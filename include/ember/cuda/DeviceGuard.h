#pragma once

// A scope's current CUDA device (libtorch's c10::cuda::CUDAGuard).

#include <cstdint>

#include "ember/core/Device.h"
#include "ember/core/Export.h"

namespace ember::cuda {

/// Makes a device current for a scope and restores the previous one on exit. A CPU device
/// (or index -1) leaves the current device unchanged.
class EMBER_API DeviceGuard {
 public:
  explicit DeviceGuard(Device device);
  explicit DeviceGuard(int64_t device_index);
  ~DeviceGuard();
  DeviceGuard(const DeviceGuard&) = delete;
  DeviceGuard& operator=(const DeviceGuard&) = delete;

  /// Switches to another device (the original is still restored on exit).
  void set_index(int64_t device_index);
  int8_t original_index() const { return original_; }
  int8_t current_index() const { return current_; }

 private:
  int8_t original_ = -1;
  int8_t current_ = -1;
};

/// libtorch spelling.
using CUDAGuard = DeviceGuard;

}  // namespace ember::cuda
