#pragma once

// Per-thread, per-device handles of the CUDA math libraries (cuBLAS, cuSOLVER). A handle is
// used by one thread at a time: each thread leases one per device from a pool on first use
// and returns it when the thread ends, so a program with a fixed set of threads creates a
// fixed set of handles. Handles are never destroyed (threads may end after main).

#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

#include "backends/cuda/CudaDevice.h"

namespace ember::cuda::impl {

template <class Handle>
class HandlePool {
 public:
  /// Creates a handle on the current device (the pool sets it).
  using Create = Handle (*)();

  explicit HandlePool(Create create) : create_(create) {}

  Handle acquire(int8_t device) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& free = free_[device];
      if (!free.empty()) {
        Handle h = free.back();
        free.pop_back();
        return h;
      }
    }
    RawDeviceGuard guard(device);
    return create_();
  }
  void release(int8_t device, Handle h) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_[device].push_back(h);
  }

 private:
  Create create_;
  std::mutex mutex_;
  std::map<int8_t, std::vector<Handle>> free_;
};

/// The calling thread's handle from `pool` (one pool per handle type, never destroyed) for
/// `device`.
template <class Handle>
Handle thread_handle(HandlePool<Handle>& pool, int8_t device) {
  struct ThreadHandles {
    HandlePool<Handle>* pool = nullptr;
    std::map<int8_t, Handle> by_device;
    ~ThreadHandles() {
      for (auto& [d, h] : by_device) pool->release(d, h);
    }
  };
  thread_local ThreadHandles handles;
  handles.pool = &pool;
  Handle& h = handles.by_device[device];
  if (h == nullptr) h = pool.acquire(device);
  return h;
}

}  // namespace ember::cuda::impl
