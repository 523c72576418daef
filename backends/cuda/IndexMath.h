#pragma once

// Index arithmetic of the CUDA kernels, usable on the host too (tests check it there): fast
// division by a fixed divisor, and the byte offsets of each operand for a linear index over a
// strided iteration space. Free of CUDA headers.

#include <cstdint>

#include "ember/core/Macros.h"

// `#pragma unroll` for the device compiler only (the host compiler warns about it).
#if defined(__CUDA_ARCH__)
#define EMBER_UNROLL _Pragma("unroll")
#else
#define EMBER_UNROLL
#endif

namespace ember::cuda {

/// Most dimensions a kernel's iteration space may have; the launchers split larger ones.
inline constexpr int kMaxDims = 16;
/// Largest element count one launch indexes (32-bit indices; a multiple of 16 so contiguous
/// pieces of a split stay aligned for vector loads).
inline constexpr int64_t kMaxIndex = (int64_t(1) << 31) - (int64_t(1) << 16);

/// Division of 32-bit unsigned numbers below 2^31 by a fixed divisor with a multiply and a
/// shift (Granlund and Montgomery, "Division by invariant integers using multiplication").
struct IntDivider {
  uint32_t divisor = 1;
  uint32_t magic = 1;
  uint32_t shift = 0;

  IntDivider() = default;
  /// `d` in [1, 2^31].
  explicit IntDivider(uint32_t d) : divisor(d) {
    shift = 0;
    while ((uint64_t(1) << shift) < d) ++shift;
    magic = static_cast<uint32_t>(((uint64_t(1) << 32) * ((uint64_t(1) << shift) - d)) / d + 1);
  }

  /// n / divisor for n < 2^31.
  EMBER_HOST_DEVICE uint32_t div(uint32_t n) const {
#if defined(__CUDA_ARCH__)
    const uint32_t t = __umulhi(n, magic);
#else
    const uint32_t t = static_cast<uint32_t>((uint64_t(n) * magic) >> 32);
#endif
    return (t + n) >> shift;
  }
  EMBER_HOST_DEVICE uint32_t mod(uint32_t n, uint32_t quotient) const {
    return n - quotient * divisor;
  }
};

/// Byte offsets of NARGS operands at a linear index of an iteration space of up to kMaxDims
/// dimensions (dimension 0 fastest). Strides are 64-bit, so offsets may exceed 4 GiB even
/// though indices are 32-bit.
template <int NARGS>
struct OffsetCalculator {
  int ndim = 0;
  IntDivider sizes[kMaxDims];
  int64_t strides[kMaxDims][NARGS > 0 ? NARGS : 1];

  EMBER_HOST_DEVICE void get(uint32_t linear, int64_t (&offsets)[NARGS > 0 ? NARGS : 1]) const {
    EMBER_UNROLL
    for (int a = 0; a < NARGS; ++a) offsets[a] = 0;
    EMBER_UNROLL
    for (int d = 0; d < kMaxDims; ++d) {
      if (d == ndim) break;
      const uint32_t q = sizes[d].div(linear);
      const uint32_t r = sizes[d].mod(linear, q);
      linear = q;
      EMBER_UNROLL
      for (int a = 0; a < NARGS; ++a) offsets[a] += static_cast<int64_t>(r) * strides[d][a];
    }
  }
};

}  // namespace ember::cuda
