#pragma once

#include <cstddef>
#include <utility>

#include "ember/core/Device.h"
#include "ember/core/Export.h"

namespace ember {

/// Frees the memory behind a DataPtr: called with the data pointer and the allocator's context.
using DeleterFn = void (*)(void* data, void* context);

/// Owning pointer to device memory plus how to give it back.
class EMBER_API DataPtr {
 public:
  DataPtr() : device_(kCPU) {}
  DataPtr(void* data, void* context, DeleterFn deleter, Device device)
      : data_(data), context_(context), deleter_(deleter), device_(device) {}
  DataPtr(const DataPtr&) = delete;
  DataPtr& operator=(const DataPtr&) = delete;
  DataPtr(DataPtr&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        context_(std::exchange(other.context_, nullptr)),
        deleter_(std::exchange(other.deleter_, nullptr)),
        device_(other.device_) {}
  DataPtr& operator=(DataPtr&& other) noexcept {
    if (this != &other) {
      reset();
      data_ = std::exchange(other.data_, nullptr);
      context_ = std::exchange(other.context_, nullptr);
      deleter_ = std::exchange(other.deleter_, nullptr);
      device_ = other.device_;
    }
    return *this;
  }
  ~DataPtr() { reset(); }

  void* get() const { return data_; }
  void* context() const { return context_; }
  Device device() const { return device_; }
  void reset() {
    if (deleter_) deleter_(data_, context_);
    data_ = nullptr;
    context_ = nullptr;
    deleter_ = nullptr;
  }

 private:
  void* data_ = nullptr;
  void* context_ = nullptr;
  DeleterFn deleter_ = nullptr;
  Device device_;
};

/// Hands out device memory. Each device type has one, registered by its backend; both the
/// CPU and the CUDA allocator cache freed blocks so steady-state loops do no system calls.
class EMBER_API Allocator {
 public:
  virtual ~Allocator() = default;
  /// `nbytes` of memory on `device` (nbytes may be 0: then the pointer is null).
  virtual DataPtr allocate(size_t nbytes, Device device) = 0;
};

/// The allocator registered for a device type; throws a clear error when that backend is
/// missing (e.g. CUDA in a CPU-only build, or no GPU present).
EMBER_API Allocator* get_allocator(DeviceType type);
/// Called by a backend's registration function.
EMBER_API void set_allocator(DeviceType type, Allocator* allocator);

}  // namespace ember
