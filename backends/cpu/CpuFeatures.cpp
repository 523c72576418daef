#include "backends/cpu/CpuFeatures.h"

#include <atomic>

namespace ember::cpu {
namespace {

bool cpu_supports_avx2() {
#if EMBER_HAVE_AVX2_TARGET
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

std::atomic<bool>& avx2_enabled() {
  static std::atomic<bool> enabled{cpu_supports_avx2()};
  return enabled;
}

}  // namespace

bool use_avx2() { return avx2_enabled().load(std::memory_order_relaxed); }

void set_use_avx2(bool enabled) { avx2_enabled().store(enabled && cpu_supports_avx2()); }

}  // namespace ember::cpu
