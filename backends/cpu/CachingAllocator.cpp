#include "backends/cpu/CachingAllocator.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

#include "core/CheckedSize.h"
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

// n is at most kMaxStorageBytes (2^63 - 1), so rounding up cannot wrap past 2^64.
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

// Small blocks (the 0-d and few-element tensors of scalar code) also have a per-thread cache:
// a fixed stack per size class, so the commonest allocations take no lock and no hash
// lookup. Its counters are written by the owning thread only (relaxed atomics, so that
// memory_stats() may read them from any thread).
constexpr int kThreadClasses = static_cast<int>(kSmallLimit / kSmallStep);
constexpr int kThreadDepth = 32;

// Trivially destructible, so it stays usable while other thread_local objects (tensors among
// them) are destroyed at thread exit; the retirer below hands its blocks back first and marks
// it retired, after which frees go to the shared pool.
struct ThreadCache {
  void* blocks[kThreadClasses][kThreadDepth] = {};
  int count[kThreadClasses] = {};
  std::atomic<int64_t> in_use{0};  // bytes this thread handed out minus bytes it took back
  std::atomic<int64_t> cached{0};  // bytes waiting in `blocks`
  std::atomic<uint64_t> hits{0};
  bool registered = false;
  bool retired = false;

  static void add(std::atomic<int64_t>& c, int64_t v) {
    c.store(c.load(std::memory_order_relaxed) + v, std::memory_order_relaxed);
  }
};

thread_local ThreadCache t_cache;

struct ThreadCacheRetirer {
  ~ThreadCacheRetirer();
};

class CpuCachingAllocator final : public Allocator {
 public:
  DataPtr allocate(size_t nbytes, Device device) override {
    if (nbytes == 0) return DataPtr(nullptr, nullptr, nullptr, Device(kCPU));
    EMBER_CHECK(nbytes <= detail::kMaxStorageBytes,
                "CPU out of memory: cannot allocate {} bytes (a storage holds at most {})", nbytes,
                detail::kMaxStorageBytes);
    const size_t size = round_to_class(nbytes);
    if (size <= kSmallLimit && thread_cache_enabled()) {
      ThreadCache& tc = t_cache;
      const int cls = static_cast<int>(size / kSmallStep) - 1;
      if (tc.count[cls] > 0) {
        void* p = tc.blocks[cls][--tc.count[cls]];
        ThreadCache::add(tc.cached, -static_cast<int64_t>(size));
        ThreadCache::add(tc.in_use, static_cast<int64_t>(size));
        tc.hits.store(tc.hits.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        return DataPtr(p, reinterpret_cast<void*>(size), &CpuCachingAllocator::release,
                       Device(kCPU));
      }
    }
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
    const size_t size = reinterpret_cast<size_t>(context);
    CpuCachingAllocator& self = instance();
    if (size <= kSmallLimit && self.thread_cache_enabled()) {
      ThreadCache& tc = t_cache;
      const int cls = static_cast<int>(size / kSmallStep) - 1;
      if (tc.count[cls] < kThreadDepth && !tc.retired) {
        if (!tc.registered) self.register_thread(&tc);
        tc.blocks[cls][tc.count[cls]++] = data;
        ThreadCache::add(tc.cached, static_cast<int64_t>(size));
        ThreadCache::add(tc.in_use, -static_cast<int64_t>(size));
        return;
      }
    }
    self.give_back(data, size);
  }

  bool thread_cache_enabled() const {
    return cache_limit_.load(std::memory_order_relaxed) >= kThreadCacheMinLimit;
  }

  void register_thread(ThreadCache* tc) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      threads_.push_back(tc);
      tc->registered = true;
    }
    static thread_local ThreadCacheRetirer retirer;
    (void)retirer;
  }

  // A dying thread's cached blocks and counters move to the shared pool.
  void retire_thread(ThreadCache* tc) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < threads_.size(); ++i) {
      if (threads_[i] == tc) {
        threads_[i] = threads_.back();
        threads_.pop_back();
        break;
      }
    }
    tc->retired = true;
    stats_.bytes_in_use += static_cast<size_t>(tc->in_use.load(std::memory_order_relaxed));
    stats_.cache_hits += tc->hits.load(std::memory_order_relaxed);
    for (int cls = 0; cls < kThreadClasses; ++cls) {
      const size_t size = static_cast<size_t>(cls + 1) * kSmallStep;
      for (int i = 0; i < tc->count[cls]; ++i) free_[size].push_back(tc->blocks[cls][i]);
      stats_.bytes_cached += size * static_cast<size_t>(tc->count[cls]);
      tc->count[cls] = 0;
    }
  }

  // Returns the calling thread's cached blocks to the system.
  void flush_thread_cache() {
    ThreadCache& tc = t_cache;
    uint64_t frees = 0;
    for (int cls = 0; cls < kThreadClasses; ++cls) {
      const int64_t size = static_cast<int64_t>(cls + 1) * static_cast<int64_t>(kSmallStep);
      for (int i = 0; i < tc.count[cls]; ++i) std::free(tc.blocks[cls][i]);
      ThreadCache::add(tc.cached, -size * tc.count[cls]);
      frees += static_cast<uint64_t>(tc.count[cls]);
      tc.count[cls] = 0;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    stats_.system_frees += frees;
  }

  void give_back(void* p, size_t size) {
    std::lock_guard<std::mutex> lock(mutex_);
    stats_.bytes_in_use -= size;
    if (stats_.bytes_cached + size > cache_limit_.load(std::memory_order_relaxed)) {
      std::free(p);
      ++stats_.system_frees;
      return;
    }
    free_[size].push_back(p);
    stats_.bytes_cached += size;
  }

  void empty_cache() {
    flush_thread_cache();
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
    MemoryStats s = stats_;
    for (const ThreadCache* tc : threads_) {
      s.bytes_in_use += static_cast<size_t>(tc->in_use.load(std::memory_order_relaxed));
      s.bytes_cached += static_cast<size_t>(tc->cached.load(std::memory_order_relaxed));
      s.cache_hits += tc->hits.load(std::memory_order_relaxed);
    }
    return s;
  }

  void set_limit(size_t bytes) {
    cache_limit_.store(bytes, std::memory_order_relaxed);
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
  // Thread caches are off when the cache is (nearly) disabled, e.g. under AddressSanitizer.
  static constexpr size_t kThreadCacheMinLimit = size_t(1) << 20;

  MemoryStats stats_;
  std::atomic<size_t> cache_limit_{default_cache_limit()};
  std::vector<ThreadCache*> threads_;  // caches whose counters stats() adds in
};

ThreadCacheRetirer::~ThreadCacheRetirer() {
  CpuCachingAllocator::instance().retire_thread(&t_cache);
}

}  // namespace

Allocator* caching_allocator() { return &CpuCachingAllocator::instance(); }

MemoryStats memory_stats() { return CpuCachingAllocator::instance().stats(); }

void empty_cache() { CpuCachingAllocator::instance().empty_cache(); }

void set_cache_limit(size_t bytes) { CpuCachingAllocator::instance().set_limit(bytes); }

}  // namespace ember::cpu
