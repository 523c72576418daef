// The CUDA device caching allocator.
//
// Memory comes from cudaMalloc in segments and is handed out in blocks. Freed blocks stay
// cached and are reused, best fit, by later requests on the same stream, so steady-state
// loops make no cudaMalloc/cudaFree calls (both are slow, and cudaFree synchronises the
// device). A block belongs to the stream it was allocated on: work on that stream is ordered,
// so reuse on the same stream needs no synchronisation. Memory used by other streams as well
// (record_stream) is reused only after events recorded on those streams have completed.
//
// Requests up to 1 MiB are rounded to 512 bytes and packed into 2 MiB segments (the small
// pool); larger ones come from the large pool (20 MiB segments below 10 MiB, else the size
// rounded to 2 MiB). A cached block larger than a request is split; freed neighbours in a
// segment merge again. When cudaMalloc fails, the cache is returned to the driver and the
// allocation retried once before the out-of-memory error.
//
// EMBER_CUDA_NO_CACHING=1 turns caching off (every block is its own cudaMalloc, freed at
// once), so that compute-sanitizer sees each tensor's exact bounds.

#include "backends/cuda/CudaCachingAllocator.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "ember/core/Check.h"
#include "ember/core/Tensor.h"
#include "ember/cuda/Memory.h"

namespace ember::cuda {
namespace impl {
namespace {

constexpr size_t kMinBlockSize = 512;        // every size is a multiple of this
constexpr size_t kSmallSize = 1 << 20;       // largest request served by the small pool
constexpr size_t kSmallBuffer = 2 << 20;     // segment size of the small pool
constexpr size_t kLargeBuffer = 20 << 20;    // segment size for large requests below...
constexpr size_t kMinLargeAlloc = 10 << 20;  // ...this size
constexpr size_t kRoundLarge = 2 << 20;      // larger requests round to this
constexpr size_t kMaxRequest = size_t(1) << 60;

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

std::string format_size(size_t bytes) {
  const double b = static_cast<double>(bytes);
  if (bytes < (size_t(1) << 10)) return fmt::format("{} bytes", bytes);
  if (bytes < (size_t(1) << 20)) return fmt::format("{:.2f} KiB", b / 1024.0);
  if (bytes < (size_t(1) << 30)) return fmt::format("{:.2f} MiB", b / 1048576.0);
  return fmt::format("{:.2f} GiB", b / 1073741824.0);
}

struct Block {
  Block(int8_t device, cudaStream_t stream, size_t size, char* ptr, bool small_pool)
      : device(device), stream(stream), size(size), ptr(ptr), small_pool(small_pool) {}

  int8_t device;
  cudaStream_t stream;
  size_t size;
  char* ptr;
  bool small_pool;
  bool allocated = false;
  int pending_events = 0;  // events still to complete before reuse
  Block* prev = nullptr;   // neighbours within the segment
  Block* next = nullptr;
  std::vector<cudaStream_t> stream_uses;  // other streams that used the block (record_stream)
};

// Free blocks ordered by (stream, size, address): lower_bound finds the best fit.
struct BlockOrder {
  bool operator()(const Block* a, const Block* b) const {
    if (a->stream != b->stream) {
      return reinterpret_cast<uintptr_t>(a->stream) < reinterpret_cast<uintptr_t>(b->stream);
    }
    if (a->size != b->size) return a->size < b->size;
    return reinterpret_cast<uintptr_t>(a->ptr) < reinterpret_cast<uintptr_t>(b->ptr);
  }
};
using BlockSet = std::set<Block*, BlockOrder>;

void free_block_callback(void* data, void* context);

class DeviceCachingAllocator {
 public:
  DeviceCachingAllocator(int8_t device, bool caching) : device_(device), caching_(caching) {}

  DataPtr allocate(size_t nbytes) {
    const cudaStream_t stream = current_raw_stream(device_);
    std::lock_guard<std::mutex> lock(mutex_);
    if (nbytes > kMaxRequest) fail_out_of_memory(nbytes, nbytes);
    process_events();
    const size_t size = nbytes < kMinBlockSize ? kMinBlockSize : round_up(nbytes, kMinBlockSize);
    const bool small = size <= kSmallSize;
    BlockSet& pool = small ? small_free_ : large_free_;
    Block* block = caching_ ? take_best_fit(pool, stream, size) : nullptr;
    if (block == nullptr) block = new_segment(stream, size, small);
    if (caching_) maybe_split(block, size, pool);
    block->allocated = true;
    allocated_.emplace(block->ptr, block);
    stats_.allocated_bytes += block->size;
    stats_.max_allocated_bytes = std::max(stats_.max_allocated_bytes, stats_.allocated_bytes);
    ++stats_.num_allocs;
    return DataPtr(block->ptr, block, &free_block_callback, Device(kCUDA, device_));
  }

  void free(Block* block) {
    std::lock_guard<std::mutex> lock(mutex_);
    block->allocated = false;
    allocated_.erase(block->ptr);
    stats_.allocated_bytes -= block->size;
    // Runs in destructors: must not throw. If an event cannot be recorded (a broken
    // context), the stream is waited for instead.
    if (!block->stream_uses.empty()) {
      QuietDeviceGuard guard(device_);
      for (cudaStream_t s : block->stream_uses) {
        cudaEvent_t event = nullptr;
        if (!free_events_.empty()) {
          event = free_events_.back();
          free_events_.pop_back();
        } else if (cudaEventCreateWithFlags(&event, cudaEventDisableTiming) != cudaSuccess) {
          event = nullptr;
        }
        if (event != nullptr && cudaEventRecord(event, s) == cudaSuccess) {
          pending_.emplace_back(event, block);
          ++block->pending_events;
        } else {
          (void)cudaGetLastError();
          if (event != nullptr) free_events_.push_back(event);
          (void)cudaStreamSynchronize(s);
        }
      }
      block->stream_uses.clear();
      if (block->pending_events > 0) return;
    }
    recycle(block);
  }

  void record_stream(void* ptr, cudaStream_t stream) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = allocated_.find(ptr);
    if (it == allocated_.end()) return;  // not ours (from_blob): nothing to track
    Block* block = it->second;
    if (stream == block->stream) return;
    if (std::find(block->stream_uses.begin(), block->stream_uses.end(), stream) ==
        block->stream_uses.end()) {
      block->stream_uses.push_back(stream);
    }
  }

  void empty_cache() {
    std::lock_guard<std::mutex> lock(mutex_);
    release_cached_blocks();
  }

  MemoryStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

  void reset_peaks() {
    std::lock_guard<std::mutex> lock(mutex_);
    stats_.max_allocated_bytes = stats_.allocated_bytes;
    stats_.max_reserved_bytes = stats_.reserved_bytes;
  }

  void set_memory_fraction(double fraction) {
    size_t free_bytes = 0, total = 0;
    {
      RawDeviceGuard guard(device_);
      EMBER_CUDA_CHECK(cudaMemGetInfo(&free_bytes, &total));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    limit_ = static_cast<size_t>(fraction * static_cast<double>(total));
  }

 private:
  Block* take_best_fit(BlockSet& pool, cudaStream_t stream, size_t size) {
    Block key(device_, stream, size, nullptr, false);
    auto it = pool.lower_bound(&key);
    if (it == pool.end() || (*it)->stream != stream) return nullptr;
    Block* block = *it;
    pool.erase(it);
    return block;
  }

  Block* new_segment(cudaStream_t stream, size_t size, bool small) {
    const size_t segment = !caching_               ? size
                           : small                 ? kSmallBuffer
                           : size < kMinLargeAlloc ? kLargeBuffer
                                                   : round_up(size, kRoundLarge);
    void* ptr = try_cuda_malloc(segment);
    if (ptr == nullptr) {
      // Give the cache back to the driver and try once more.
      ++stats_.num_alloc_retries;
      release_cached_blocks();
      ptr = try_cuda_malloc(segment);
    }
    if (ptr == nullptr) fail_out_of_memory(size, segment);
    auto owned = std::make_unique<Block>(device_, stream, segment, static_cast<char*>(ptr), small);
    Block* block = owned.get();
    blocks_.emplace(block, std::move(owned));
    stats_.reserved_bytes += segment;
    stats_.max_reserved_bytes = std::max(stats_.max_reserved_bytes, stats_.reserved_bytes);
    ++stats_.num_device_alloc;
    return block;
  }

  void* try_cuda_malloc(size_t size) {
    if (stats_.reserved_bytes + size > limit_) return nullptr;
    RawDeviceGuard guard(device_);
    void* ptr = nullptr;
    const cudaError_t err = cudaMalloc(&ptr, size);
    if (err == cudaErrorMemoryAllocation) {
      (void)cudaGetLastError();
      return nullptr;
    }
    EMBER_CUDA_CHECK(err);
    return ptr;
  }

  [[noreturn]] void fail_out_of_memory(size_t size, size_t segment) {
    ++stats_.num_ooms;
    size_t free_bytes = 0, total = 0;
    {
      RawDeviceGuard guard(device_);
      if (cudaMemGetInfo(&free_bytes, &total) != cudaSuccess) (void)cudaGetLastError();
    }
    const std::string limit =
        limit_ == std::numeric_limits<size_t>::max()
            ? std::string()
            : fmt::format("; {} allowed by set_per_process_memory_fraction", format_size(limit_));
    EMBER_FAIL(
        "CUDA out of memory. Tried to allocate {} (a {} segment; GPU {}; {} total capacity; {} "
        "already allocated; {} free; {} reserved in total by Ember{})",
        format_size(size), format_size(segment), device_, format_size(total),
        format_size(stats_.allocated_bytes), format_size(free_bytes),
        format_size(stats_.reserved_bytes), limit);
  }

  // Splits off the unused tail of `block` when it is big enough to serve another request.
  void maybe_split(Block* block, size_t size, BlockSet& pool) {
    const size_t remaining = block->size - size;
    const bool split = block->small_pool ? remaining >= kMinBlockSize : remaining > kSmallSize;
    if (!split) return;
    auto owned = std::make_unique<Block>(device_, block->stream, remaining, block->ptr + size,
                                         block->small_pool);
    Block* rest = owned.get();
    blocks_.emplace(rest, std::move(owned));
    rest->prev = block;
    rest->next = block->next;
    if (rest->next != nullptr) rest->next->prev = rest;
    block->next = rest;
    block->size = size;
    pool.insert(rest);
  }

  // Returns a block to its pool, merging it with free neighbours.
  void free_block(Block* block) {
    BlockSet& pool = block->small_pool ? small_free_ : large_free_;
    for (Block* neighbour : {block->prev, block->next}) {
      if (neighbour == nullptr || neighbour->allocated || neighbour->pending_events > 0) continue;
      pool.erase(neighbour);
      if (neighbour == block->prev) {
        block->ptr = neighbour->ptr;
        block->prev = neighbour->prev;
        if (block->prev != nullptr) block->prev->next = block;
      } else {
        block->next = neighbour->next;
        if (block->next != nullptr) block->next->prev = block;
      }
      block->size += neighbour->size;
      blocks_.erase(neighbour);
    }
    pool.insert(block);
  }

  // Frees the blocks whose cross-stream uses have finished (in recording order).
  void process_events() {
    while (!pending_.empty()) {
      auto [event, block] = pending_.front();
      const cudaError_t err = cudaEventQuery(event);
      if (err == cudaErrorNotReady) {
        (void)cudaGetLastError();
        break;
      }
      EMBER_CUDA_CHECK(err);
      pending_.pop_front();
      free_events_.push_back(event);
      if (--block->pending_events == 0) recycle(block);
    }
  }

  void recycle(Block* block) {
    if (caching_) {
      free_block(block);
    } else {
      release_uncached(block);
    }
  }

  // Without caching, a freed block goes straight back to the driver (cudaFree waits for the
  // device, so kernels still using it finish first). Runs in destructors: must not throw.
  void release_uncached(Block* block) {
    {
      QuietDeviceGuard guard(device_);
      if (cudaFree(block->ptr) != cudaSuccess) (void)cudaGetLastError();
    }
    stats_.reserved_bytes -= block->size;
    ++stats_.num_device_free;
    blocks_.erase(block);
  }

  // Waits for pending events, then returns every whole cached segment to the driver.
  void release_cached_blocks() {
    RawDeviceGuard guard(device_);
    for (auto& [event, block] : pending_) {
      EMBER_CUDA_CHECK(cudaEventSynchronize(event));
      free_events_.push_back(event);
      if (--block->pending_events == 0) recycle(block);
    }
    pending_.clear();
    bool synchronized = false;
    for (BlockSet* pool : {&small_free_, &large_free_}) {
      for (auto it = pool->begin(); it != pool->end();) {
        Block* block = *it;
        if (block->prev != nullptr || block->next != nullptr) {
          ++it;
          continue;
        }
        if (!synchronized) {
          // Kernels queued earlier may still use a freed block.
          EMBER_CUDA_CHECK(cudaDeviceSynchronize());
          synchronized = true;
        }
        EMBER_CUDA_CHECK(cudaFree(block->ptr));
        stats_.reserved_bytes -= block->size;
        ++stats_.num_device_free;
        it = pool->erase(it);
        blocks_.erase(block);
      }
    }
  }

  std::mutex mutex_;
  const int8_t device_;
  const bool caching_;
  BlockSet small_free_;
  BlockSet large_free_;
  std::unordered_map<Block*, std::unique_ptr<Block>> blocks_;  // owns every block
  std::unordered_map<void*, Block*> allocated_;                // blocks handed out
  std::deque<std::pair<cudaEvent_t, Block*>> pending_;
  std::vector<cudaEvent_t> free_events_;
  MemoryStats stats_;
  size_t limit_ = std::numeric_limits<size_t>::max();
};

class CudaCachingAllocator final : public Allocator {
 public:
  CudaCachingAllocator() {
    const char* env = std::getenv("EMBER_CUDA_NO_CACHING");
    const bool caching = env == nullptr || std::string_view(env) == "0" || *env == '\0';
    const int n = device_count_raw();
    for (int i = 0; i < n; ++i) {
      devices_.push_back(std::make_unique<DeviceCachingAllocator>(static_cast<int8_t>(i), caching));
    }
  }

  DataPtr allocate(size_t nbytes, Device device) override {
    const int8_t index = resolve_device_index(device.index());
    if (nbytes == 0) return DataPtr(nullptr, nullptr, nullptr, Device(kCUDA, index));
    return devices_[static_cast<size_t>(index)]->allocate(nbytes);
  }

  DeviceCachingAllocator& device(int8_t index) { return *devices_[static_cast<size_t>(index)]; }
  int device_count() const { return static_cast<int>(devices_.size()); }

  static CudaCachingAllocator& instance() {
    // Never destroyed: tensors held in static storage may be freed after main returns.
    static CudaCachingAllocator* allocator = new CudaCachingAllocator();  // NOLINT
    return *allocator;
  }

 private:
  std::vector<std::unique_ptr<DeviceCachingAllocator>> devices_;
};

void free_block_callback(void* /*data*/, void* context) {
  auto* block = static_cast<Block*>(context);
  CudaCachingAllocator::instance().device(block->device).free(block);
}

// The device allocator of `device_index` (-1: current), or null without a GPU.
DeviceCachingAllocator* allocator_for(int64_t device_index) {
  if (device_count_raw() == 0) return nullptr;
  return &CudaCachingAllocator::instance().device(resolve_device_index(device_index));
}

}  // namespace

Allocator* device_allocator() { return &CudaCachingAllocator::instance(); }

}  // namespace impl

MemoryStats memory_stats(int64_t device_index) {
  impl::DeviceCachingAllocator* a = impl::allocator_for(device_index);
  return a == nullptr ? MemoryStats{} : a->stats();
}

void reset_peak_memory_stats(int64_t device_index) {
  if (impl::DeviceCachingAllocator* a = impl::allocator_for(device_index)) a->reset_peaks();
}

std::pair<size_t, size_t> mem_get_info(int64_t device_index) {
  const int8_t index = impl::resolve_device_index(device_index);
  impl::RawDeviceGuard guard(index);
  size_t free_bytes = 0, total = 0;
  EMBER_CUDA_CHECK(cudaMemGetInfo(&free_bytes, &total));
  return {free_bytes, total};
}

void empty_cache() {
  const int n = impl::device_count_raw();
  for (int i = 0; i < n; ++i) impl::allocator_for(i)->empty_cache();
}

void set_per_process_memory_fraction(double fraction, int64_t device_index) {
  EMBER_CHECK(fraction >= 0.0 && fraction <= 1.0,
              "set_per_process_memory_fraction: the fraction must be in [0, 1], got {}", fraction);
  impl::DeviceCachingAllocator* a = impl::allocator_for(device_index);
  if (a == nullptr) impl::throw_unavailable("set_per_process_memory_fraction");
  a->set_memory_fraction(fraction);
}

void record_stream(const Tensor& t, const Stream& stream) {
  EMBER_CHECK(t.is_cuda(), "record_stream: expected a CUDA tensor, got one on {}",
              t.device().str());
  EMBER_CHECK(stream.device_index() == t.device().index(),
              "record_stream: the tensor is on {} but the stream on cuda:{}", t.device().str(),
              stream.device_index());
  if (t.storage().data() == nullptr) return;
  impl::allocator_for(t.device().index())
      ->record_stream(t.storage().data(), static_cast<cudaStream_t>(stream.native_handle()));
}

}  // namespace ember::cuda
