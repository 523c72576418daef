#pragma once

// The CPU matrix-multiply engine behind gemm_kernel: a problem description, the choice of
// implementation (BLAS, Ember's own blocked kernel, the plain reference loops) and of the
// instruction set of the blocked kernel. Tests and benchmarks use the setters to exercise
// each path from one binary; normal use leaves everything on kAuto.

#include <cstdint>
#include <limits>

#include "ember/core/Export.h"

namespace ember::cpu {

/// C[b] = beta * C[b] + alpha * A[b] @ B[b] for b < batch, every operand with any element
/// strides (bs: batch stride, rs: row stride, cs: column stride; 0 broadcasts).
template <class T>
struct GemmProblem {
  int64_t batch = 1, m = 0, n = 0, k = 0;
  const T* a = nullptr;
  int64_t a_bs = 0, a_rs = 0, a_cs = 0;
  const T* b = nullptr;
  int64_t b_bs = 0, b_rs = 0, b_cs = 0;
  T* c = nullptr;
  int64_t c_bs = 0, c_rs = 0, c_cs = 0;
  T alpha = T(1), beta = T(0);
  /// beta == 0: C is only written (NaN/Inf in it are ignored, as BLAS does).
  bool beta_zero = true;
};

/// m * n * k (multiply-adds of one product), saturating instead of overflowing; for the size
/// heuristics that pick paths and thread counts.
inline int64_t gemm_macs(int64_t m, int64_t n, int64_t k, int64_t batch = 1) {
  int64_t r = 0;
  if (__builtin_mul_overflow(m, n, &r) || __builtin_mul_overflow(r, k, &r) ||
      __builtin_mul_overflow(r, batch, &r)) {
    return std::numeric_limits<int64_t>::max();
  }
  return r;
}

/// Which code multiplies float32/float64 matrices.
enum class GemmImpl : int {
  kAuto,       ///< BLAS when built with one (own kernels for shapes it is slow at), else kBlocked
  kBlas,       ///< BLAS wherever it can read the operands (falls back to kBlocked otherwise)
  kBlocked,    ///< Ember's packed, cache-blocked, vectorised kernel
  kReference,  ///< the plain loops every dtype has (slow; for testing)
};

/// Instruction set of the blocked kernel, picked at run time from the CPU's features.
/// kGenericWide is the portable code with the AVX-512 kernels' tile and block sizes, so that
/// tests cover that geometry on any CPU; kAuto never picks it.
enum class GemmIsa : int { kAuto, kGeneric, kAvx2, kAvx512, kGenericWide };

/// Selects the float32/float64 implementation (process-wide; not thread-safe to change
/// while matrix products run).
EMBER_INTERNAL_API void set_gemm_impl(GemmImpl impl);
EMBER_INTERNAL_API GemmImpl gemm_impl();
/// Whether this build links a BLAS.
EMBER_INTERNAL_API bool gemm_has_blas();
/// Selects the blocked kernel's instruction set; throws if the CPU or build lacks it.
EMBER_INTERNAL_API void set_gemm_isa(GemmIsa isa);
/// The instruction set kAuto resolves to on this CPU.
EMBER_INTERNAL_API GemmIsa gemm_best_isa();
/// Whether `isa` can run here (compiled in and supported by the CPU).
EMBER_INTERNAL_API bool gemm_isa_supported(GemmIsa isa);
/// "generic", "avx2", "avx512" or "generic-wide".
EMBER_INTERNAL_API const char* gemm_isa_name(GemmIsa isa);

/// Runs `p` with Ember's blocked kernel (GEMV and tiny shapes take simpler loops).
template <class T>
void gemm_blocked(const GemmProblem<T>& p);

/// Register tile and cache blocks of one micro-kernel, and its macro-kernel: C[0:mc, 0:nc]
/// = alpha * Ap @ Bp + beta * C (beta_zero: C not read), where Ap is an mc x kc block packed
/// in panels of mr rows (k-major, zero-padded) and Bp a kc x nc block packed in panels of
/// nr columns.
template <class T>
struct GemmKernelSpec {
  int mr = 0, nr = 0;
  int64_t mc = 0, kc = 0, nc = 0;
  void (*macro)(int64_t mc, int64_t nc, int64_t kc, const T* ap, const T* bp, T* c, int64_t rs_c,
                int64_t cs_c, T alpha, T beta, bool beta_zero) = nullptr;
};

// Defined in GemmKernel<Isa>.cpp; each returns false (and leaves the specs alone) when that
// instruction set was not compiled in.
EMBER_INTERNAL_API bool gemm_specs_generic(GemmKernelSpec<float>* f32, GemmKernelSpec<double>* f64);
EMBER_INTERNAL_API bool gemm_specs_generic_wide(GemmKernelSpec<float>* f32,
                                                GemmKernelSpec<double>* f64);
EMBER_INTERNAL_API bool gemm_specs_avx2(GemmKernelSpec<float>* f32, GemmKernelSpec<double>* f64);
EMBER_INTERNAL_API bool gemm_specs_avx512(GemmKernelSpec<float>* f32, GemmKernelSpec<double>* f64);

}  // namespace ember::cpu
