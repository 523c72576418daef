#pragma once

// Functions that run on both the host and a CUDA device (the shared kernel functors, the
// half-precision types) are marked EMBER_HOST_DEVICE; plain C++ compilers see nothing.
#if defined(__CUDACC__) || defined(__HIPCC__)
#define EMBER_HOST_DEVICE __host__ __device__
#define EMBER_DEVICE __device__
#else
#define EMBER_HOST_DEVICE
#define EMBER_DEVICE
#endif

#if defined(__GNUC__) || defined(__clang__)
#define EMBER_LIKELY(x) __builtin_expect(!!(x), 1)
#define EMBER_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define EMBER_ALWAYS_INLINE inline __attribute__((always_inline))
#define EMBER_RESTRICT __restrict__
#else
#define EMBER_LIKELY(x) (x)
#define EMBER_UNLIKELY(x) (x)
#define EMBER_ALWAYS_INLINE inline
#define EMBER_RESTRICT
#endif
