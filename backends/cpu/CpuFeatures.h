#pragma once

#include "ember/core/Export.h"

// Run-time choice of instruction set for the kernels that gain from a wider one. The library
// is built for the portable x86-64 baseline; a kernel may also compile a copy of its hot loop
// for AVX2 + FMA (functions marked EMBER_TARGET_AVX2, whose bodies are EMBER_ALWAYS_INLINE
// templates so that everything they inline is compiled for that target) and pick it at run
// time when use_avx2() says so.

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define EMBER_HAVE_AVX2_TARGET 1
#define EMBER_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define EMBER_HAVE_AVX2_TARGET 0
#define EMBER_TARGET_AVX2
#endif

namespace ember::cpu {

/// Whether kernels may take their AVX2 + FMA paths: the CPU supports them and they have not
/// been turned off.
EMBER_INTERNAL_API bool use_avx2();

/// Turns the AVX2 paths off (or back on, where the CPU supports them); for tests and
/// benchmarks of the baseline paths.
EMBER_INTERNAL_API void set_use_avx2(bool enabled);

}  // namespace ember::cpu
