// The blocked GEMM's micro-kernels for AVX-512F (512-bit vectors, 32 registers): a 12 x 32
// float tile and a 12 x 16 double tile, 24 accumulators each. Compiled with a function target
// attribute, so the rest of the library stays baseline x86-64; used only when the CPU has
// AVX-512F.

#include <cstdint>

#include "backends/cpu/Gemm.h"
#include "ember/core/Macros.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define EMBER_GEMM_HAVE_AVX512 1
#endif

namespace ember::cpu {

#ifdef EMBER_GEMM_HAVE_AVX512
namespace {

#define EMBER_GEMM_TARGET __attribute__((target("avx512f")))

struct F32x16 {
  using type = __m512;
  static constexpr int kWidth = 16;
  EMBER_GEMM_TARGET static type zero() { return _mm512_setzero_ps(); }
  EMBER_GEMM_TARGET static type loadu(const float* p) { return _mm512_loadu_ps(p); }
  EMBER_GEMM_TARGET static void storeu(float* p, type v) { _mm512_storeu_ps(p, v); }
  EMBER_GEMM_TARGET static type broadcast(const float* p) { return _mm512_set1_ps(*p); }
  EMBER_GEMM_TARGET static type set1(float x) { return _mm512_set1_ps(x); }
  EMBER_GEMM_TARGET static type fma(type a, type b, type c) { return _mm512_fmadd_ps(a, b, c); }
  EMBER_GEMM_TARGET static type mul(type a, type b) { return _mm512_mul_ps(a, b); }
};

struct F64x8 {
  using type = __m512d;
  static constexpr int kWidth = 8;
  EMBER_GEMM_TARGET static type zero() { return _mm512_setzero_pd(); }
  EMBER_GEMM_TARGET static type loadu(const double* p) { return _mm512_loadu_pd(p); }
  EMBER_GEMM_TARGET static void storeu(double* p, type v) { _mm512_storeu_pd(p, v); }
  EMBER_GEMM_TARGET static type broadcast(const double* p) { return _mm512_set1_pd(*p); }
  EMBER_GEMM_TARGET static type set1(double x) { return _mm512_set1_pd(x); }
  EMBER_GEMM_TARGET static type fma(type a, type b, type c) { return _mm512_fmadd_pd(a, b, c); }
  EMBER_GEMM_TARGET static type mul(type a, type b) { return _mm512_mul_pd(a, b); }
};

#include "backends/cpu/GemmMacroKernel.inc"

#undef EMBER_GEMM_TARGET

}  // namespace

bool gemm_specs_avx512(GemmKernelSpec<float>* f32, GemmKernelSpec<double>* f64) {
  // kc x nr B micro-panel (24 KiB) in L1, mc x kc A block in L2, kc x nc B block in L3.
  *f32 = make_spec<float, F32x16, 12, 2>(/*mc=*/144, /*kc=*/192, /*nc=*/2048);
  *f64 = make_spec<double, F64x8, 12, 2>(/*mc=*/144, /*kc=*/192, /*nc=*/2048);
  return true;
}

#else

bool gemm_specs_avx512(GemmKernelSpec<float>*, GemmKernelSpec<double>*) { return false; }

#endif

}  // namespace ember::cpu
