// Pinned (page-locked) host memory: the caching allocator behind Tensor::pin_memory() and
// core's pinned-memory hooks. Transfers from and to pinned memory run asynchronously; a block
// used by such a transfer goes back to the cache only once events recorded after the
// transfer have completed, so a freed pinned tensor is never overwritten while a copy still
// reads it. Sizes round to powers of two so blocks are reused across similar requests.

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Tensor.h"

namespace ember {
namespace cuda::impl {
namespace {

struct HostBlock {
  HostBlock(size_t size, void* ptr) : size(size), ptr(ptr) {}
  size_t size;
  void* ptr;
  bool allocated = false;
  int pending_events = 0;
  std::vector<std::pair<int8_t, cudaStream_t>> stream_uses;
};

void free_host_block(void* data, void* context);

class HostCachingAllocator final : public Allocator {
 public:
  DataPtr allocate(size_t nbytes, Device /*device*/) override {
    if (nbytes == 0) return DataPtr(nullptr, nullptr, nullptr, Device(kCPU));
    if (device_count_raw() == 0) throw_unavailable("pin_memory");
    EMBER_CHECK(nbytes <= (size_t(1) << 60), "pinned memory: cannot allocate {} bytes", nbytes);
    size_t size = 512;
    while (size < nbytes) size <<= 1;
    std::lock_guard<std::mutex> lock(mutex_);
    process_events();
    HostBlock* block = nullptr;
    auto it = free_.find(size);
    if (it != free_.end()) {
      block = it->second;
      free_.erase(it);
    } else {
      void* ptr = nullptr;
      cudaError_t err = cudaHostAlloc(&ptr, size, cudaHostAllocDefault);
      if (err != cudaSuccess) {
        (void)cudaGetLastError();
        release_cached();
        err = cudaHostAlloc(&ptr, size, cudaHostAllocDefault);
      }
      if (err != cudaSuccess) {
        (void)cudaGetLastError();
        EMBER_FAIL("pin_memory: cannot allocate {} bytes of pinned host memory ({})", size,
                   cudaGetErrorString(err));
      }
      auto owned = std::make_unique<HostBlock>(size, ptr);
      block = owned.get();
      blocks_.emplace(ptr, std::move(owned));
    }
    block->allocated = true;
    return DataPtr(block->ptr, block, &free_host_block, Device(kCPU));
  }

  void free(HostBlock* block) {
    std::lock_guard<std::mutex> lock(mutex_);
    block->allocated = false;
    // Runs in destructors: must not throw (a failed record falls back to waiting).
    for (auto [device, stream] : block->stream_uses) {
      QuietDeviceGuard guard(device);
      cudaEvent_t event = nullptr;
      if (cudaEventCreateWithFlags(&event, cudaEventDisableTiming) == cudaSuccess &&
          cudaEventRecord(event, stream) == cudaSuccess) {
        pending_.emplace_back(event, block);
        ++block->pending_events;
      } else {
        (void)cudaGetLastError();
        if (event != nullptr) (void)cudaEventDestroy(event);
        (void)cudaStreamSynchronize(stream);
      }
    }
    block->stream_uses.clear();
    if (block->pending_events == 0) free_.emplace(block->size, block);
  }

  void record_use(void* base, int8_t device, cudaStream_t stream) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = blocks_.find(base);
    if (it == blocks_.end() || !it->second->allocated) return;
    auto& uses = it->second->stream_uses;
    for (const auto& u : uses) {
      if (u.first == device && u.second == stream) return;
    }
    uses.emplace_back(device, stream);
  }

  static HostCachingAllocator& instance() {
    // Never destroyed: pinned tensors in static storage may be freed after main returns.
    static HostCachingAllocator* allocator = new HostCachingAllocator();  // NOLINT
    return *allocator;
  }

 private:
  void process_events() {
    while (!pending_.empty()) {
      auto [event, block] = pending_.front();
      const cudaError_t err = cudaEventQuery(event);
      if (err == cudaErrorNotReady) {
        (void)cudaGetLastError();
        break;
      }
      EMBER_CUDA_CHECK(err);
      (void)cudaEventDestroy(event);
      pending_.pop_front();
      if (--block->pending_events == 0) free_.emplace(block->size, block);
    }
  }

  void release_cached() {
    for (auto& [event, block] : pending_) {
      EMBER_CUDA_CHECK(cudaEventSynchronize(event));
      (void)cudaEventDestroy(event);
      if (--block->pending_events == 0) free_.emplace(block->size, block);
    }
    pending_.clear();
    for (auto& [size, block] : free_) {
      EMBER_CUDA_CHECK(cudaFreeHost(block->ptr));
      blocks_.erase(block->ptr);
    }
    free_.clear();
  }

  std::mutex mutex_;
  std::unordered_map<void*, std::unique_ptr<HostBlock>> blocks_;  // owns every block
  std::multimap<size_t, HostBlock*> free_;
  std::deque<std::pair<cudaEvent_t, HostBlock*>> pending_;
};

void free_host_block(void* /*data*/, void* context) {
  HostCachingAllocator::instance().free(static_cast<HostBlock*>(context));
}

}  // namespace

Allocator* host_allocator() { return &HostCachingAllocator::instance(); }

void record_host_use(void* base, int8_t device, cudaStream_t stream) {
  HostCachingAllocator::instance().record_use(base, device, stream);
}

}  // namespace cuda::impl

namespace detail {

bool is_pinned_pointer(const void* ptr) {
  if (ptr == nullptr || cuda::impl::device_count_raw() == 0) return false;
  cudaPointerAttributes attr{};
  if (cudaPointerGetAttributes(&attr, ptr) != cudaSuccess) {
    (void)cudaGetLastError();
    return false;
  }
  return attr.type == cudaMemoryTypeHost;
}

Tensor pin_memory_copy(const Tensor& t) {
  const size_t nbytes = t.nbytes();
  Storage storage(IntrusivePtr<StorageImpl>::make(
      cuda::impl::host_allocator()->allocate(nbytes, Device(kCPU)), nbytes));
  Tensor out(IntrusivePtr<TensorImpl>::make(std::move(storage), t.dtype(), t.sizes()));
  if (t.numel() > 0) out.copy_(t);
  return out;
}

}  // namespace detail
}  // namespace ember
