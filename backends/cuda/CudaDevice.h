#pragma once

// Device bookkeeping shared by the CUDA backend: the device count (queried once), cached
// device properties, index validation and the thread's current device.

#include <cuda_runtime_api.h>

#include <cstdint>
#include <string>

namespace ember::cuda::impl {

/// Number of usable devices; 0 when there is no driver or no GPU (queried once).
int device_count_raw();
/// Throws a clear error unless `index` names a usable device.
void check_device_index(int64_t index);
/// The calling thread's current device (CUDA must be available).
int8_t current_device_index();
/// `index`, or the current device when it is -1; validated.
int8_t resolve_device_index(int64_t index);
/// Makes `index` current when it is not already.
void set_current_device_index(int8_t index);
/// Properties of a device (cached after the first query).
const cudaDeviceProp& device_properties(int8_t index);
/// Why there is no usable device ("no usable GPU or driver was found (<CUDA error>)"); empty
/// when there is one.
std::string unavailable_reason();
/// Throws "<what>: no usable GPU or driver was found".
[[noreturn]] void throw_unavailable(const char* what);

/// Sets the current device for a scope without the public guard's validation (hot paths).
class RawDeviceGuard {
 public:
  explicit RawDeviceGuard(int8_t index);
  ~RawDeviceGuard();
  RawDeviceGuard(const RawDeviceGuard&) = delete;
  RawDeviceGuard& operator=(const RawDeviceGuard&) = delete;

 private:
  int original_;
  int8_t index_;
};

/// RawDeviceGuard for destructors and other code that must not throw: errors (a broken
/// context, a runtime already shut down) are ignored.
class QuietDeviceGuard {
 public:
  explicit QuietDeviceGuard(int8_t index) : index_(index) {
    if (cudaGetDevice(&original_) != cudaSuccess) original_ = index;
    if (original_ != index_) (void)cudaSetDevice(index_);
    (void)cudaGetLastError();
  }
  ~QuietDeviceGuard() {
    if (original_ != index_) (void)cudaSetDevice(original_);
    (void)cudaGetLastError();
  }
  QuietDeviceGuard(const QuietDeviceGuard&) = delete;
  QuietDeviceGuard& operator=(const QuietDeviceGuard&) = delete;

 private:
  int original_ = 0;
  int index_;
};

}  // namespace ember::cuda::impl
