#include <vector>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

#ifdef EMBER_WITH_BLAS
extern "C" {
// Fortran BLAS ABI, present in every BLAS (OpenBLAS, reference, MKL): no header needed.
void sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
            const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
            const float* beta, float* c, const int* ldc);
void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
            const double* alpha, const double* a, const int* lda, const double* b,
            const int* ldb, const double* beta, double* c, const int* ldc);
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
// A matrix BLAS can read directly: unit stride along one dim, leading dim >= extent.
struct BlasView {
  bool ok = false;
  char trans = 'N';  // as seen by column-major BLAS
  int ld = 1;
};

BlasView blas_view(int64_t rows, int64_t cols, int64_t row_stride, int64_t col_stride) {
  // Row-major (col_stride == 1) is the transpose in column-major terms.
  if (col_stride == 1 && (rows == 1 || row_stride >= std::max<int64_t>(cols, 1)) &&
      row_stride <= INT32_MAX) {
    return {true, 'N', static_cast<int>(std::max<int64_t>(row_stride, std::max<int64_t>(cols, 1)))};
  }
  if (row_stride == 1 && (cols == 1 || col_stride >= std::max<int64_t>(rows, 1)) &&
      col_stride <= INT32_MAX) {
    return {true, 'T', static_cast<int>(std::max<int64_t>(col_stride, std::max<int64_t>(rows, 1)))};
  }
  return {};
}

template <class T>
bool gemm_blas(const Tensor& out, const Tensor& a, const Tensor& bm, const Scalar& beta_s,
               const Scalar& alpha_s) {
  const int64_t B = out.size(0), M = out.size(1), N = out.size(2), K = a.size(2);
  if (M > INT32_MAX || N > INT32_MAX || K > INT32_MAX) return false;
  // C must be row-major (C^T column-major) for the operand swap below.
  if (!(out.stride(2) == 1 && (M == 1 || out.stride(1) >= std::max<int64_t>(N, 1)))) return false;
  const BlasView va = blas_view(M, K, a.stride(1), a.stride(2));
  const BlasView vb = blas_view(K, N, bm.stride(1), bm.stride(2));
  if (!va.ok || !vb.ok) return false;
  const int m = static_cast<int>(N), n = static_cast<int>(M), k = static_cast<int>(K);
  const int ldc = static_cast<int>(std::max<int64_t>(out.stride(1), std::max<int64_t>(N, 1)));
  const T alpha = alpha_s.to<T>(), beta = beta_s.to<T>();
  for (int64_t b = 0; b < B; ++b) {
    const T* pa = a.data_ptr<T>() + b * a.stride(0);
    const T* pb = bm.data_ptr<T>() + b * bm.stride(0);
    T* pc = out.data_ptr<T>() + b * out.stride(0);
    // Row-major C = A B is column-major C^T = B^T A^T.
    if constexpr (std::is_same_v<T, float>) {
      sgemm_(&vb.trans, &va.trans, &m, &n, &k, &alpha, pb, &vb.ld, pa, &va.ld, &beta, pc, &ldc);
    } else {
      dgemm_(&vb.trans, &va.trans, &m, &n, &k, &alpha, pb, &vb.ld, pa, &va.ld, &beta, pc, &ldc);
    }
  }
  return true;
}
#endif

}  // namespace

void gemm_kernel(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                 const Scalar& alpha) {
  if (out.numel() == 0) return;
  dispatch_dtype<types::kAll>(out.dtype(), "matmul", kCPU, [&]<class T>() {
#ifdef EMBER_WITH_BLAS
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      if (a.size(2) > 0 && gemm_blas<T>(out, a, b, beta, alpha)) return;
    }
#endif
    gemm_loops<T>(out, a, b, beta, alpha);
  });
}

}  // namespace ember::cpu
