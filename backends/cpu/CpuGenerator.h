#pragma once

// The CPU's random number generator: PyTorch's CPUGeneratorImpl (an mt19937 engine plus the
// cached second value of the last Box-Muller pair), so that the same seed and the same
// sequence of calls give PyTorch's CPU values.

#include <cstdint>
#include <optional>

#include "backends/cpu/MT19937.h"
#include "core/Generator.h"

namespace ember::cpu {

class CpuGenerator final : public detail::Generator {
 public:
  explicit CpuGenerator(uint64_t seed) : engine_(seed) {}

  void set_current_seed(uint64_t seed) override;
  uint64_t current_seed() const override { return engine_.seed(); }

  // The draws below require the caller to hold mutex().
  /// 32 random bits.
  uint32_t random() { return engine_(); }
  /// 64 random bits: the first 32-bit draw gives the high half, as in PyTorch.
  uint64_t random64() {
    const uint64_t hi = engine_();
    const uint64_t lo = engine_();
    return (hi << 32) | lo;
  }
  /// The normal sample left over from the last Box-Muller pair (double precision).
  std::optional<double>& next_double_normal_sample() { return next_double_normal_sample_; }

 private:
  MT19937 engine_;
  std::optional<double> next_double_normal_sample_;
};

/// The CPU generator (registered with set_generator_getter); `index` is ignored.
detail::Generator& default_cpu_generator(int8_t index);

/// The CPU generator behind a Generator reference handed to a CPU kernel.
CpuGenerator& as_cpu_generator(detail::Generator& gen);

}  // namespace ember::cpu
