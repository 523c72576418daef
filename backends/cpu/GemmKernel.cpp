// gemm_kernel: the CPU backend's batched matrix multiply. float32/float64 go to a BLAS when
// one is linked (sgemm_/dgemm_, the Fortran ABI every BLAS exports) or to Ember's own blocked
// kernel (GemmBlocked.cpp); every other dtype takes plain loops accumulating in opmath_t.

#include <algorithm>
#include <atomic>
#include <climits>
#include <vector>

#include "backends/cpu/Gemm.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "ember/core/Functions.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

#ifdef EMBER_WITH_BLAS
extern "C" {
// Fortran BLAS ABI, present in every BLAS (OpenBLAS, reference, MKL): no header needed. The
// trailing size_t are the hidden lengths gfortran passes for CHARACTER arguments; a BLAS
// written in Fortran may rely on them, one written in C ignores them.
void sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
            const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
            const float* beta, float* c, const int* ldc, size_t transa_len, size_t transb_len);
void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
            const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
            const double* beta, double* c, const int* ldc, size_t transa_len, size_t transb_len);
}
#endif

namespace ember::cpu {

using namespace detail;

namespace {

// out[b] = beta * out[b] + alpha * a[b] @ bm[b] for any strides. Row i of the result is
// accumulated in a buffer over k, so the innermost loop runs along a row of `bm`.
template <class T>
void gemm_loops(const Tensor& out, const Tensor& a, const Tensor& bm, const Scalar& beta_s,
                const Scalar& alpha_s) {
  using M = kernels::opmath_t<T>;
  const int64_t B = out.size(0), Mr = out.size(1), N = out.size(2), K = a.size(2);
  const M alpha = alpha_s.to<M>(), beta = beta_s.to<M>();
  const bool use_beta = !(beta_s.toDouble() == 0.0);
  T* o = out.data_ptr<T>();
  const T* pa = a.data_ptr<T>();
  const T* pb = bm.data_ptr<T>();
  const int64_t os0 = out.stride(0), os1 = out.stride(1), os2 = out.stride(2);
  const int64_t as0 = a.stride(0), as1 = a.stride(1), as2 = a.stride(2);
  const int64_t bs0 = bm.stride(0), bs1 = bm.stride(1), bs2 = bm.stride(2);
  const int64_t rows = B * Mr;
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(N * K, 1));
  parallel_for(0, rows, grain, [&](int64_t begin, int64_t end) {
    std::vector<M> acc(static_cast<size_t>(N));
    for (int64_t r = begin; r < end; ++r) {
      const int64_t b = r / Mr, i = r % Mr;
      std::fill(acc.begin(), acc.end(), M(0));
      for (int64_t k = 0; k < K; ++k) {
        const M aik = M(pa[b * as0 + i * as1 + k * as2]);
        const T* brow = pb + b * bs0 + k * bs1;
        if constexpr (std::is_same_v<M, bool>) {
          for (int64_t j = 0; j < N; ++j) acc[j] = acc[j] || (aik && M(brow[j * bs2]));
        } else {
          for (int64_t j = 0; j < N; ++j) {
            acc[j] = kernels::wrapping_add(acc[j], kernels::wrapping_mul(aik, M(brow[j * bs2])));
          }
        }
      }
      T* orow = o + b * os0 + i * os1;
      for (int64_t j = 0; j < N; ++j) {
        M v;
        if constexpr (std::is_same_v<M, bool>) {
          v = (alpha && acc[j]) || (use_beta && beta && M(orow[j * os2]));
        } else {
          v = kernels::wrapping_mul(alpha, acc[j]);
          if (use_beta) v = kernels::wrapping_add(v, kernels::wrapping_mul(beta, M(orow[j * os2])));
        }
        orow[j * os2] = T(v);
      }
    }
  });
}

#ifdef EMBER_WITH_BLAS
// How BLAS can read one operand: unit stride along one dim, leading dim >= extent, all in int.
struct BlasView {
  bool ok = false;
  char trans = 'N';  // as seen by column-major BLAS
  int ld = 1;
};

BlasView blas_view(int64_t rows, int64_t cols, int64_t row_stride, int64_t col_stride) {
  // Row-major (col_stride == 1) is the transpose in column-major terms.
  const int64_t row_ld = std::max<int64_t>(row_stride, std::max<int64_t>(cols, 1));
  if ((col_stride == 1 || cols == 1) && (rows == 1 || row_stride >= std::max<int64_t>(cols, 1)) &&
      row_ld <= INT_MAX) {
    return {true, 'N', static_cast<int>(row_ld)};
  }
  const int64_t col_ld = std::max<int64_t>(col_stride, std::max<int64_t>(rows, 1));
  if ((row_stride == 1 || rows == 1) && (cols == 1 || col_stride >= std::max<int64_t>(rows, 1)) &&
      col_ld <= INT_MAX) {
    return {true, 'T', static_cast<int>(col_ld)};
  }
  return {};
}

// Calls BLAS once per batch entry; false (nothing done) when BLAS cannot read the operands.
template <class T>
bool gemm_blas(const GemmProblem<T>& p) {
  if (p.m > INT_MAX || p.n > INT_MAX || p.k > INT_MAX || p.k == 0) return false;
  // C must be row-major (C^T column-major) for the operand swap below.
  const BlasView vc = blas_view(p.m, p.n, p.c_rs, p.c_cs);
  if (!vc.ok || vc.trans != 'N') return false;
  const BlasView va = blas_view(p.m, p.k, p.a_rs, p.a_cs);
  const BlasView vb = blas_view(p.k, p.n, p.b_rs, p.b_cs);
  if (!va.ok || !vb.ok) return false;
  const int m = static_cast<int>(p.n), n = static_cast<int>(p.m), k = static_cast<int>(p.k);
  // beta == 0 makes BLAS ignore C's old contents (NaN included), as the API promises.
  const T beta = p.beta_zero ? T(0) : p.beta;
  for (int64_t i = 0; i < p.batch; ++i) {
    const T* pa = p.a + i * p.a_bs;
    const T* pb = p.b + i * p.b_bs;
    T* pc = p.c + i * p.c_bs;
    // Row-major C = A B is column-major C^T = B^T A^T.
    if constexpr (std::is_same_v<T, float>) {
      sgemm_(&vb.trans, &va.trans, &m, &n, &k, &p.alpha, pb, &vb.ld, pa, &va.ld, &beta, pc, &vc.ld,
             1, 1);
    } else {
      dgemm_(&vb.trans, &va.trans, &m, &n, &k, &p.alpha, pb, &vb.ld, pa, &va.ld, &beta, pc, &vc.ld,
             1, 1);
    }
  }
  return true;
}

// Shapes where BLAS is the better choice: real matrix products (BLAS's sgemm is slow for
// matrix-vector shapes and its call overhead dominates tiny ones), called from outside a
// parallel region (OpenBLAS would start its own threads inside ours), not a batch of small
// products that Ember spreads over its threads.
template <class T>
bool blas_preferred(const GemmProblem<T>& p) {
  if (p.m == 1 || p.n == 1 || p.k == 0) return false;
  const int64_t macs = gemm_macs(p.m, p.n, p.k);
  if (macs <= 16 * 16 * 16 || in_parallel_region()) return false;
  if (p.batch > 1 && macs < (int64_t(1) << 19) && get_num_threads() > 1) return false;
  return true;
}
#endif

std::atomic<int> g_impl{static_cast<int>(GemmImpl::kAuto)};

template <class T>
GemmProblem<T> make_problem(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                            const Scalar& alpha) {
  GemmProblem<T> p;
  p.batch = out.size(0);
  p.m = out.size(1);
  p.n = out.size(2);
  p.k = a.size(2);
  p.a = a.data_ptr<T>();
  p.a_bs = a.stride(0);
  p.a_rs = a.stride(1);
  p.a_cs = a.stride(2);
  p.b = b.data_ptr<T>();
  p.b_bs = b.stride(0);
  p.b_rs = b.stride(1);
  p.b_cs = b.stride(2);
  p.c = out.data_ptr<T>();
  p.c_bs = out.stride(0);
  p.c_rs = out.stride(1);
  p.c_cs = out.stride(2);
  p.alpha = alpha.to<T>();
  p.beta_zero = beta.toDouble() == 0.0;
  p.beta = p.beta_zero ? T(0) : beta.to<T>();
  return p;
}

// Half and bfloat16 products big enough to amortise the conversions run as float32 products
// (accumulating in float and rounding once, as opmath_t loops would, only much faster).
bool gemm_via_float(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                    const Scalar& alpha) {
  if (gemm_macs(out.size(1), out.size(2), a.size(2), out.size(0)) < 32768) return false;
  const Tensor af = a.to(kFloat), bf = b.to(kFloat);
  const Tensor cf =
      beta.toDouble() == 0.0 ? empty_tensor(out.sizes(), kFloat, kCPU) : out.to(kFloat);
  gemm_kernel(cf, af, bf, beta, alpha);
  Tensor(out).copy_(cf);
  return true;
}

}  // namespace

void set_gemm_impl(GemmImpl impl) { g_impl.store(static_cast<int>(impl)); }

GemmImpl gemm_impl() { return static_cast<GemmImpl>(g_impl.load()); }

bool gemm_has_blas() {
#ifdef EMBER_WITH_BLAS
  return true;
#else
  return false;
#endif
}

void gemm_kernel(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                 const Scalar& alpha) {
  if (out.numel() == 0) return;
  dispatch_dtype<types::kAll>(out.dtype(), "matmul", kCPU, [&]<class T>() {
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      const GemmImpl impl = gemm_impl();
      if (impl != GemmImpl::kReference) {
        const GemmProblem<T> p = make_problem<T>(out, a, b, beta, alpha);
#ifdef EMBER_WITH_BLAS
        const bool want_blas =
            impl == GemmImpl::kBlas || (impl == GemmImpl::kAuto && blas_preferred(p));
        if (want_blas && gemm_blas(p)) return;
#endif
        gemm_blocked(p);
        return;
      }
    }
    if constexpr (kernels::is_reduced_float_v<T>) {
      if (gemm_impl() != GemmImpl::kReference && gemm_via_float(out, a, b, beta, alpha)) return;
    }
    gemm_loops<T>(out, a, b, beta, alpha);
  });
}

}  // namespace ember::cpu
