#pragma once

// The 32-bit Mersenne Twister (Matsumoto & Nishimura, 2002 seeding), with the same state
// layout and stepping as PyTorch's CPU engine (at::mt19937): the whole state is regenerated
// when it runs out, and a seed uses only its low 32 bits. Given the same seed, both produce
// the same stream of 32-bit numbers.

#include <array>
#include <cstdint>

namespace ember::cpu {

class MT19937 {
 public:
  static constexpr int kStateSize = 624;
  static constexpr int kShift = 397;

  explicit MT19937(uint64_t seed = 5489) { seed_engine(seed); }

  /// Restarts the stream; only the low 32 bits of `seed` matter, as in PyTorch.
  void seed_engine(uint64_t seed) {
    seed_ = seed;
    state_[0] = static_cast<uint32_t>(seed & 0xffffffffu);
    for (uint32_t j = 1; j < kStateSize; ++j) {
      state_[j] = 1812433253u * (state_[j - 1] ^ (state_[j - 1] >> 30)) + j;
    }
    left_ = 1;
    next_ = 0;
  }

  uint64_t seed() const { return seed_; }

  /// The next 32 random bits.
  uint32_t operator()() {
    if (--left_ == 0) regenerate();
    uint32_t y = state_[next_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }

 private:
  static uint32_t twist(uint32_t u, uint32_t v) {
    const uint32_t mixed = (u & 0x80000000u) | (v & 0x7fffffffu);
    return (mixed >> 1) ^ ((v & 1u) ? 0x9908b0dfu : 0u);
  }

  void regenerate() {
    constexpr int kN = kStateSize, kM = kShift;
    int i = 0;
    for (; i < kN - kM; ++i) state_[i] = state_[i + kM] ^ twist(state_[i], state_[i + 1]);
    for (; i < kN - 1; ++i) state_[i] = state_[i + kM - kN] ^ twist(state_[i], state_[i + 1]);
    state_[kN - 1] = state_[kM - 1] ^ twist(state_[kN - 1], state_[0]);
    left_ = kN;
    next_ = 0;
  }

  std::array<uint32_t, kStateSize> state_{};
  uint64_t seed_ = 0;
  int left_ = 1;
  int next_ = 0;
};

}  // namespace ember::cpu
