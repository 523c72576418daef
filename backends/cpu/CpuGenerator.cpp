#include "backends/cpu/CpuGenerator.h"

#include <chrono>
#include <exception>
#include <mutex>
#include <random>

#include "ember/core/Check.h"

namespace ember::cpu {

void CpuGenerator::set_current_seed(uint64_t seed) {
  std::lock_guard<std::mutex> lock(mutex());
  next_double_normal_sample_.reset();
  engine_.seed_engine(seed);
}

namespace {
// As PyTorch, a process starts from a non-deterministic seed until manual_seed is called.
uint64_t nondeterministic_seed() {
  try {
    std::random_device device;
    const uint64_t hi = device();
    return (hi << 32) | device();
  } catch (const std::exception&) {  // no entropy source: the clock will do
    return static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
}
}  // namespace

detail::Generator& default_cpu_generator(int8_t /*index*/) {
  static CpuGenerator generator(nondeterministic_seed());
  return generator;
}

CpuGenerator& as_cpu_generator(detail::Generator& gen) {
  auto* cpu = dynamic_cast<CpuGenerator*>(&gen);
  EMBER_CHECK(cpu != nullptr, "a CPU random kernel was given a generator of another device");
  return *cpu;
}

}  // namespace ember::cpu
