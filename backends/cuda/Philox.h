#pragma once

// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
// counter-based generator, each (counter, key) pair mapping to four independent 32-bit
// numbers, and the transforms the CUDA random kernels apply to them. Host and device code;
// tests check the Random123 known-answer vectors on the host.

#include <cmath>
#include <cstdint>

#include "ember/core/Macros.h"

namespace ember::cuda::philox {

struct Uint4 {
  uint32_t x, y, z, w;
};

EMBER_HOST_DEVICE inline uint32_t mulhilo(uint32_t a, uint32_t b, uint32_t* hi) {
#if defined(__CUDA_ARCH__)
  *hi = __umulhi(a, b);
  return a * b;
#else
  const uint64_t p = uint64_t(a) * b;
  *hi = static_cast<uint32_t>(p >> 32);
  return static_cast<uint32_t>(p);
#endif
}

/// The ten rounds of Philox4x32 on `ctr` with key (k0, k1).
EMBER_HOST_DEVICE inline Uint4 philox4x32_10(Uint4 ctr, uint32_t k0, uint32_t k1) {
  constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
  constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kW0;
      k1 += kW1;
    }
    uint32_t hi0, hi1;
    const uint32_t lo0 = mulhilo(kM0, ctr.x, &hi0);
    const uint32_t lo1 = mulhilo(kM1, ctr.z, &hi1);
    ctr = Uint4{hi1 ^ ctr.y ^ k0, lo1, hi0 ^ ctr.w ^ k1, lo0};
  }
  return ctr;
}

/// The four numbers of block `index` of the stream of `seed` (counter = index, key = seed).
EMBER_HOST_DEVICE inline Uint4 block(uint64_t seed, uint64_t index) {
  return philox4x32_10(
      Uint4{static_cast<uint32_t>(index), static_cast<uint32_t>(index >> 32), 0u, 0u},
      static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32));
}

/// A uniform number in [0, 1) with `digits` random bits (24 for float), exact in float.
EMBER_HOST_DEVICE inline float uniform_float(uint32_t x, int digits) {
  const uint32_t mask = (uint32_t(1) << digits) - 1;
  return static_cast<float>(x & mask) * (1.0f / static_cast<float>(uint32_t(1) << digits));
}

/// A uniform double in [0, 1) from two 32-bit numbers (53 random bits).
EMBER_HOST_DEVICE inline double uniform_double(uint32_t hi, uint32_t lo) {
  const uint64_t bits = ((uint64_t(hi) << 32) | lo) & ((uint64_t(1) << 53) - 1);
  return static_cast<double>(bits) * (1.0 / 9007199254740992.0);
}

/// Box-Muller: two standard normal numbers from u1 in (0, 1] and u2 in [0, 1).
template <class T>
EMBER_HOST_DEVICE inline void box_muller(T u1, T u2, T* z0, T* z1) {
  const T two_pi = static_cast<T>(6.283185307179586476925286766559);
  const T r = std::sqrt(static_cast<T>(-2) * std::log(u1));
  const T theta = two_pi * u2;
  *z0 = r * std::cos(theta);
  *z1 = r * std::sin(theta);
}

}  // namespace ember::cuda::philox
