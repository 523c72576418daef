// The blocked GEMM's micro-kernels for AVX2 + FMA (256-bit vectors, 16 registers): a 6 x 16
// float tile and a 6 x 8 double tile, 12 accumulators each. Compiled with a function target
// attribute, so the rest of the library stays baseline x86-64; used only when the CPU has
// AVX2 and FMA.

#include <cstdint>

#include "backends/cpu/Gemm.h"
#include "ember/core/Macros.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define EMBER_GEMM_HAVE_AVX2 1
#endif

namespace ember::cpu {

#ifdef EMBER_GEMM_HAVE_AVX2
namespace {

#define EMBER_GEMM_TARGET __attribute__((target("avx2,fma")))

struct F32x8 {
  using type = __m256;
  static constexpr int kWidth = 8;
  EMBER_GEMM_TARGET static type zero() { return _mm256_setzero_ps(); }
  EMBER_GEMM_TARGET static type loadu(const float* p) { return _mm256_loadu_ps(p); }
  EMBER_GEMM_TARGET static void storeu(float* p, type v) { _mm256_storeu_ps(p, v); }
  EMBER_GEMM_TARGET static type broadcast(const float* p) { return _mm256_broadcast_ss(p); }
  EMBER_GEMM_TARGET static type set1(float x) { return _mm256_set1_ps(x); }
  EMBER_GEMM_TARGET static type fma(type a, type b, type c) { return _mm256_fmadd_ps(a, b, c); }
  EMBER_GEMM_TARGET static type mul(type a, type b) { return _mm256_mul_ps(a, b); }
};

struct F64x4 {
  using type = __m256d;
  static constexpr int kWidth = 4;
  EMBER_GEMM_TARGET static type zero() { return _mm256_setzero_pd(); }
  EMBER_GEMM_TARGET static type loadu(const double* p) { return _mm256_loadu_pd(p); }
  EMBER_GEMM_TARGET static void storeu(double* p, type v) { _mm256_storeu_pd(p, v); }
  EMBER_GEMM_TARGET static type broadcast(const double* p) { return _mm256_broadcast_sd(p); }
  EMBER_GEMM_TARGET static type set1(double x) { return _mm256_set1_pd(x); }
  EMBER_GEMM_TARGET static type fma(type a, type b, type c) { return _mm256_fmadd_pd(a, b, c); }
  EMBER_GEMM_TARGET static type mul(type a, type b) { return _mm256_mul_pd(a, b); }
};

#include "backends/cpu/GemmMacroKernel.inc"

#undef EMBER_GEMM_TARGET

}  // namespace

bool gemm_specs_avx2(GemmKernelSpec<float>* f32, GemmKernelSpec<double>* f64) {
  // kc x nr B micro-panel (16 KiB) in L1, mc x kc A block (144 / 192 KiB) in L2, kc x nc B
  // block in L3.
  *f32 = make_spec<float, F32x8, 6, 2>(/*mc=*/144, /*kc=*/256, /*nc=*/2048);
  *f64 = make_spec<double, F64x4, 6, 2>(/*mc=*/96, /*kc=*/256, /*nc=*/2048);
  return true;
}

#else

bool gemm_specs_avx2(GemmKernelSpec<float>*, GemmKernelSpec<double>*) { return false; }

#endif

}  // namespace ember::cpu
