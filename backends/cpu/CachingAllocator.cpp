#include "backends/cpu/CachingAllocator.h"

#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

#include "ember/core/Check.h"
#include "ember/core/CpuMemory.h"

namespace ember::cpu {
namespace {

// Blocks are 64-byte aligned (a cache line, a full AVX-512 vector). Sizes are rounded up to
// size classes (four per power of two above 512 bytes) so a freed block is likely to fit the
// next request of similar size; freed blocks wait in per-class free lists. This keeps
// steady-state loops free of malloc and, more importantly, of the page faults that first
// touches of fresh large blocks cost.
constexpr size_t kAlignment = 64;
constexpr size_t kSmallStep = 64;
constexpr size_t kSmallLimit = 512;

size_t round_to_class(size_t n) {
  if (n <= kSmallLimit) return (n + kSmallStep - 1) / kSmallStep * kSmallStep;
  const int log2 = 63 - __builtin_clzll(n - 1);  // n - 1 < 2^(log2+1)
  const size_t quarter = (size_t(1) << log2) / 4;
  return (n + quarter - 1) / quarter * quarter;
}

size_t default_cache_limit() {
#if defined(__SANITIZE_ADDRESS__)
  return 0;  // under AddressSanitizer every free is real, so use-after-free is caught
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return 0;
#endif
#endif
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return size_t(1) << 32;
  return static_cast<size_t>(pages) * static_cast<size_t>(page_size) / 4;
}

class CpuCachingAllocator final : public Allocator {
 public:
  DataPtr allocate(size_t nbytes, Device device) override {
    if (nbytes == 0) return DataPtr(nullptr, nullptr, nullptr, Device(kCPU));
    const size_t size = round_to_class(nbytes);
    void* p = take_cached(size);
    if (p == nullptr) {
      p = std::aligned_alloc(kAlignment, size);
      if (p == nullptr) {
        empty_cache();
        p = std::aligned_alloc(kAlignment, size);
      }
      EMBER_CHECK(p != nullptr, "CPU out of memory: failed to allocate {} bytes", nbytes);
      std::lock_guard<std::mutex> lock(mutex_);
      ++stats_.system_allocations;
      stats_.bytes_in_use += size;
    }
    return DataPtr(p, reinterpret_cast<void*>(size), &CpuCachingAllocator::release, Device(kCPU));
  }

  void* take_cached(size_t size) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = free_.find(size);
    if (it == free_.end() || it->second.empty()) return nullptr;
    void* p = it->second.back();
    it->second.pop_back();
    stats_.bytes_cached -= size;
    stats_.bytes_in_use += size;
    ++stats_.cache_hits;
    return p;
  }

  static void release(void* data, void* context) {
    instance().give_back(data, reinterpret_cast<size_t>(context));
  }

  void give_back(void* p, size_t size) {
    std::lock_guard<std::mutex> lock(mutex_);
    stats_.bytes_in_use -= size;
    if (stats_.bytes_cached + size > cache_limit_) {
      std::free(p);
      ++stats_.system_frees;
      return;
    }
    free_[size].push_back(p);
    stats_.bytes_cached += size;
  }

  void empty_cache() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [size, blocks] : free_) {
      for (void* p : blocks) std::free(p);
      stats_.system_frees += blocks.size();
      blocks.clear();
    }
    stats_.bytes_cached = 0;
  }

  MemoryStats stats() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

  void set_limit(size_t bytes) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cache_limit_ = bytes;
    }
    if (stats().bytes_cached > bytes) empty_cache();
  }

  static CpuCachingAllocator& instance() {
    // Never destroyed: tensors held in static storage may be freed after main returns.
    static CpuCachingAllocator* allocator = new CpuCachingAllocator();  // NOLINT
    return *allocator;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<void*>> free_;
  MemoryStats stats_;
  size_t cache_limit_ = default_cache_limit();
};

}  // namespace

Allocator* caching_allocator() { return &CpuCachingAllocator::instance(); }

MemoryStats memory_stats() { return CpuCachingAllocator::instance().stats(); }

void empty_cache() { CpuCachingAllocator::instance().empty_cache(); }

void set_cache_limit(size_t bytes) { CpuCachingAllocator::instance().set_limit(bytes); }

}  // namespace ember::cpu
