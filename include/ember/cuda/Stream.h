#pragma once

// CUDA streams and events (libtorch's c10::cuda::CUDAStream, CUDAStreamGuard and
// at::cuda::CUDAEvent). Ops enqueue their work on the current stream of their device; each
// thread has its own current stream per device, initially the device's default stream.
// Free of CUDA headers: native handles are exposed as void* (a cudaStream_t / cudaEvent_t).

#include <cstdint>

#include "ember/core/Device.h"
#include "ember/core/Export.h"

namespace ember::cuda {

/// A CUDA stream on one device: a cheap value (device index + handle), never owning.
class EMBER_API Stream {
 public:
  /// The device's default stream (the legacy NULL stream).
  explicit Stream(int8_t device_index) : device_index_(device_index) {}
  Stream(int8_t device_index, void* handle) : device_index_(device_index), handle_(handle) {}

  Device device() const { return Device(kCUDA, device_index_); }
  int8_t device_index() const { return device_index_; }
  /// The cudaStream_t (nullptr for the default stream).
  void* native_handle() const { return handle_; }
  /// libtorch's spelling of native_handle().
  void* stream() const { return handle_; }
  /// True when all work queued on the stream has finished.
  bool query() const;
  /// Blocks the calling thread until all work queued on the stream has finished.
  void synchronize() const;
  /// Makes future work on this stream wait for the work queued on `other` so far.
  void wait_stream(const Stream& other) const;
  /// The stream's priority (lower numbers run first).
  int priority() const;

  bool operator==(const Stream& o) const {
    return device_index_ == o.device_index_ && handle_ == o.handle_;
  }
  bool operator!=(const Stream& o) const { return !(*this == o); }

 private:
  int8_t device_index_;
  void* handle_ = nullptr;
};

/// The calling thread's current stream on `device_index` (-1: the current device).
EMBER_API Stream current_stream(int64_t device_index = -1);
/// The default stream of `device_index` (-1: the current device).
EMBER_API Stream default_stream(int64_t device_index = -1);
/// A stream from the device's pool of non-blocking streams (handed out round-robin).
EMBER_API Stream stream_from_pool(bool high_priority = false, int64_t device_index = -1);
/// Makes `stream` the calling thread's current stream on its device.
EMBER_API void set_current_stream(const Stream& stream);

/// Sets the current stream (and the current device to its device) for a scope.
class EMBER_API StreamGuard {
 public:
  explicit StreamGuard(const Stream& stream);
  ~StreamGuard();
  StreamGuard(const StreamGuard&) = delete;
  StreamGuard& operator=(const StreamGuard&) = delete;
  /// The stream that was current on the guarded device before the guard.
  Stream original_stream() const { return original_stream_; }
  Stream current_stream() const { return current_; }

 private:
  Stream original_stream_;
  Stream current_;
  int8_t original_device_;
};

/// A CUDA event: records a point in a stream's work, to wait on or time.
class EMBER_API Event {
 public:
  /// `enable_timing` allows elapsed_time() (events are cheaper without it).
  explicit Event(bool enable_timing = false) : enable_timing_(enable_timing) {}
  ~Event();
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  Event(Event&& other) noexcept;
  Event& operator=(Event&& other) noexcept;

  /// Records the event on the current stream of the current device.
  void record();
  /// Records the event on `stream` (the event stays on the device it was first recorded on).
  void record(const Stream& stream);
  /// Makes future work on `stream` wait for the recorded work (no host wait).
  void block(const Stream& stream) const;
  /// Python's spelling of block().
  void wait(const Stream& stream) const { block(stream); }
  /// True when the recorded work has finished (or nothing was recorded).
  bool query() const;
  /// Blocks the calling thread until the recorded work has finished.
  void synchronize() const;
  /// Milliseconds between this event and `end` (both recorded, timing enabled).
  float elapsed_time(const Event& end) const;
  /// The cudaEvent_t (nullptr until first recorded).
  void* native_handle() const { return event_; }
  bool is_created() const { return event_ != nullptr; }
  int8_t device_index() const { return device_index_; }

 private:
  void* event_ = nullptr;
  int8_t device_index_ = -1;
  bool enable_timing_ = false;
};

// libtorch spellings.
using CUDAStream = Stream;
using CUDAStreamGuard = StreamGuard;
using CUDAEvent = Event;
/// libtorch's getCurrentCUDAStream.
inline Stream getCurrentCUDAStream(int64_t device_index = -1) {
  return current_stream(device_index);
}
/// libtorch's getDefaultCUDAStream.
inline Stream getDefaultCUDAStream(int64_t device_index = -1) {
  return default_stream(device_index);
}
/// libtorch's getStreamFromPool.
inline Stream getStreamFromPool(bool high_priority = false, int64_t device_index = -1) {
  return stream_from_pool(high_priority, device_index);
}
/// libtorch's setCurrentCUDAStream.
inline void setCurrentCUDAStream(const Stream& stream) { set_current_stream(stream); }

}  // namespace ember::cuda
