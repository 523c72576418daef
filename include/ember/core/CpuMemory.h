#pragma once

#include <cstddef>
#include <cstdint>

#include "ember/core/Export.h"

namespace ember::cpu {

/// Counters of the CPU caching allocator (for tests and tuning).
struct EMBER_API MemoryStats {
  uint64_t system_allocations = 0;  ///< blocks obtained from the system (malloc)
  uint64_t system_frees = 0;        ///< blocks returned to the system
  uint64_t cache_hits = 0;          ///< requests served from the cache
  size_t bytes_in_use = 0;          ///< bytes handed out and not yet freed
  size_t bytes_cached = 0;          ///< bytes held in the cache for reuse
};

/// A snapshot of the CPU allocator's counters.
EMBER_API MemoryStats memory_stats();
/// Returns every cached (free) block to the system.
EMBER_API void empty_cache();
/// The most bytes the cache keeps for reuse; beyond that freed blocks go back to the system.
EMBER_API void set_cache_limit(size_t bytes);

}  // namespace ember::cpu
