// The CPU backend's linear-algebra kernels: LAPACK's getrf, getrs, potrf, geqrf, orgqr, syevd
// and gesdd, called once per matrix of a batch (matrices in parallel on Ember's pool). Built
// only when CMake found LAPACK (EMBER_WITH_LAPACK); the Fortran symbols are declared here as
// the BLAS ones are in GemmKernel.cpp, so no LAPACK header is needed.

#ifdef EMBER_WITH_LAPACK

#include <algorithm>
#include <cstdint>
#include <vector>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/LinalgKernelSupport.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

extern "C" {
// Fortran LAPACK ABI; the trailing size_t are the hidden lengths of CHARACTER arguments.
void sgetrf_(const int* m, const int* n, float* a, const int* lda, int* ipiv, int* info);
void dgetrf_(const int* m, const int* n, double* a, const int* lda, int* ipiv, int* info);
void sgetrs_(const char* trans, const int* n, const int* nrhs, const float* a, const int* lda,
             const int* ipiv, float* b, const int* ldb, int* info, size_t trans_len);
void dgetrs_(const char* trans, const int* n, const int* nrhs, const double* a, const int* lda,
             const int* ipiv, double* b, const int* ldb, int* info, size_t trans_len);
void spotrf_(const char* uplo, const int* n, float* a, const int* lda, int* info, size_t len);
void dpotrf_(const char* uplo, const int* n, double* a, const int* lda, int* info, size_t len);
void sgeqrf_(const int* m, const int* n, float* a, const int* lda, float* tau, float* work,
             const int* lwork, int* info);
void dgeqrf_(const int* m, const int* n, double* a, const int* lda, double* tau, double* work,
             const int* lwork, int* info);
void sorgqr_(const int* m, const int* n, const int* k, float* a, const int* lda, const float* tau,
             float* work, const int* lwork, int* info);
void dorgqr_(const int* m, const int* n, const int* k, double* a, const int* lda, const double* tau,
             double* work, const int* lwork, int* info);
void ssyevd_(const char* jobz, const char* uplo, const int* n, float* a, const int* lda, float* w,
             float* work, const int* lwork, int* iwork, const int* liwork, int* info,
             size_t jobz_len, size_t uplo_len);
void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w,
             double* work, const int* lwork, int* iwork, const int* liwork, int* info,
             size_t jobz_len, size_t uplo_len);
void sgesdd_(const char* jobz, const int* m, const int* n, float* a, const int* lda, float* s,
             float* u, const int* ldu, float* vt, const int* ldvt, float* work, const int* lwork,
             int* iwork, int* info, size_t jobz_len);
void dgesdd_(const char* jobz, const int* m, const int* n, double* a, const int* lda, double* s,
             double* u, const int* ldu, double* vt, const int* ldvt, double* work, const int* lwork,
             int* iwork, int* info, size_t jobz_len);
}

namespace ember::cpu {

namespace {

// One overload set per routine, so the kernels are written once for both dtypes.
void getrf(int n, float* a, int* ipiv, int* info) { sgetrf_(&n, &n, a, &n, ipiv, info); }
void getrf(int n, double* a, int* ipiv, int* info) { dgetrf_(&n, &n, a, &n, ipiv, info); }
void getrs(char t, int n, int k, const float* a, const int* ipiv, float* b, int* info) {
  sgetrs_(&t, &n, &k, a, &n, ipiv, b, &n, info, 1);
}
void getrs(char t, int n, int k, const double* a, const int* ipiv, double* b, int* info) {
  dgetrs_(&t, &n, &k, a, &n, ipiv, b, &n, info, 1);
}
void potrf(char uplo, int n, float* a, int* info) { spotrf_(&uplo, &n, a, &n, info, 1); }
void potrf(char uplo, int n, double* a, int* info) { dpotrf_(&uplo, &n, a, &n, info, 1); }
void geqrf(int m, int n, float* a, float* tau, float* work, int lwork, int* info) {
  sgeqrf_(&m, &n, a, &m, tau, work, &lwork, info);
}
void geqrf(int m, int n, double* a, double* tau, double* work, int lwork, int* info) {
  dgeqrf_(&m, &n, a, &m, tau, work, &lwork, info);
}
void orgqr(int m, int n, int k, float* a, const float* tau, float* work, int lwork, int* info) {
  sorgqr_(&m, &n, &k, a, &m, tau, work, &lwork, info);
}
void orgqr(int m, int n, int k, double* a, const double* tau, double* work, int lwork, int* info) {
  dorgqr_(&m, &n, &k, a, &m, tau, work, &lwork, info);
}
void syevd(char jobz, char uplo, int n, float* a, float* w, float* work, int lwork, int* iwork,
           int liwork, int* info) {
  ssyevd_(&jobz, &uplo, &n, a, &n, w, work, &lwork, iwork, &liwork, info, 1, 1);
}
void syevd(char jobz, char uplo, int n, double* a, double* w, double* work, int lwork, int* iwork,
           int liwork, int* info) {
  dsyevd_(&jobz, &uplo, &n, a, &n, w, work, &lwork, iwork, &liwork, info, 1, 1);
}
void gesdd(char jobz, int m, int n, float* a, float* s, float* u, int ldu, float* vt, int ldvt,
           float* work, int lwork, int* iwork, int* info) {
  sgesdd_(&jobz, &m, &n, a, &m, s, u, &ldu, vt, &ldvt, work, &lwork, iwork, info, 1);
}
void gesdd(char jobz, int m, int n, double* a, double* s, double* u, int ldu, double* vt, int ldvt,
           double* work, int lwork, int* iwork, int* info) {
  dgesdd_(&jobz, &m, &n, a, &m, s, u, &ldu, vt, &ldvt, work, &lwork, iwork, info, 1);
}

int as_lapack_int(int64_t v) { return detail::linalg_int(v, "LAPACK"); }

// A workspace size LAPACK returned as a floating value.
int workspace_size(double query) { return std::max(1, static_cast<int>(query)); }

// f(b) for each matrix b of the batch, in parallel: `flops` estimates one matrix's work.
template <class F>
void for_each_matrix(int64_t batch, int64_t flops, F&& f) {
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(flops, 1));
  parallel_for(0, batch, grain, [&](int64_t begin, int64_t end) {
    for (int64_t b = begin; b < end; ++b) f(b);
  });
}

}  // namespace

void lu_factor_kernel(const Tensor& a, const Tensor& pivots, const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_lapack_int(a.size(1));
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    int* pp = pivots.data_ptr<int>();
    int* pi = info.data_ptr<int>();
    for_each_matrix(batch, int64_t(n) * n * n,
                    [&](int64_t b) { getrf(n, pa + b * n * n, pp + b * n, pi + b); });
  });
}

void lu_solve_kernel(const Tensor& lu, const Tensor& pivots, const Tensor& b, bool transpose) {
  const int64_t batch = lu.size(0);
  const int n = as_lapack_int(lu.size(1));
  const int k = as_lapack_int(b.size(1));
  detail::dispatch_linalg_float(lu, [&](auto zero) {
    using T = decltype(zero);
    const T* pa = lu.data_ptr<T>();
    const int* pp = pivots.data_ptr<int>();
    T* pb = b.data_ptr<T>();
    for_each_matrix(batch, int64_t(n) * n * k, [&](int64_t i) {
      int info = 0;
      getrs(transpose ? 'T' : 'N', n, k, pa + i * n * n, pp + i * n, pb + i * n * k, &info);
    });
  });
}

void cholesky_kernel(const Tensor& a, bool lower, const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_lapack_int(a.size(1));
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    int* pi = info.data_ptr<int>();
    for_each_matrix(batch, int64_t(n) * n * n / 3, [&](int64_t b) {
      T* m = pa + b * n * n;
      potrf(lower ? 'L' : 'U', n, m, pi + b);
      // potrf leaves the other triangle as it was: zero it (column j, rows above / below j).
      for (int j = 0; j < n; ++j) {
        if (lower) {
          std::fill(m + int64_t(j) * n, m + int64_t(j) * n + j, T(0));
        } else {
          std::fill(m + int64_t(j) * n + j + 1, m + int64_t(j + 1) * n, T(0));
        }
      }
    });
  });
}

void geqrf_kernel(const Tensor& a, const Tensor& tau) {
  const int64_t batch = a.size(0);
  const int cols = as_lapack_int(a.size(1)), rows = as_lapack_int(a.size(2));
  const int k = std::min(rows, cols);
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    T* pt = tau.data_ptr<T>();
    T query = 0;
    int info = 0;
    geqrf(rows, cols, pa, pt, &query, -1, &info);
    const int lwork = workspace_size(query);
    for_each_matrix(batch, int64_t(rows) * cols * k, [&](int64_t b) {
      std::vector<T> work(static_cast<size_t>(lwork));
      int status = 0;
      geqrf(rows, cols, pa + b * rows * cols, pt + b * k, work.data(), lwork, &status);
    });
  });
}

void orgqr_kernel(const Tensor& q, const Tensor& tau) {
  const int64_t batch = q.size(0);
  const int cols = as_lapack_int(q.size(1)), rows = as_lapack_int(q.size(2));
  const int k = as_lapack_int(tau.size(1));
  detail::dispatch_linalg_float(q, [&](auto zero) {
    using T = decltype(zero);
    T* pq = q.data_ptr<T>();
    const T* pt = tau.data_ptr<T>();
    T query = 0;
    int info = 0;
    orgqr(rows, cols, k, pq, pt, &query, -1, &info);
    const int lwork = workspace_size(query);
    for_each_matrix(batch, int64_t(rows) * cols * k, [&](int64_t b) {
      std::vector<T> work(static_cast<size_t>(lwork));
      int status = 0;
      orgqr(rows, cols, k, pq + b * rows * cols, pt + b * k, work.data(), lwork, &status);
    });
  });
}

void eigh_kernel(const Tensor& a, const Tensor& w, bool lower, bool vectors, const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_lapack_int(a.size(1));
  const char jobz = vectors ? 'V' : 'N', uplo = lower ? 'L' : 'U';
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    T* pw = w.data_ptr<T>();
    int* pi = info.data_ptr<int>();
    T query = 0;
    int iquery = 0, status = 0;
    syevd(jobz, uplo, n, pa, pw, &query, -1, &iquery, -1, &status);
    const int lwork = workspace_size(query), liwork = std::max(1, iquery);
    for_each_matrix(batch, 4 * int64_t(n) * n * n, [&](int64_t b) {
      std::vector<T> work(static_cast<size_t>(lwork));
      std::vector<int> iwork(static_cast<size_t>(liwork));
      syevd(jobz, uplo, n, pa + b * n * n, pw + b * n, work.data(), lwork, iwork.data(), liwork,
            pi + b);
    });
  });
}

void svd_kernel(const Tensor& a, const Tensor& s, const Tensor& u, const Tensor& vt,
                const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_lapack_int(a.size(1)), m = as_lapack_int(a.size(2));
  const int k = std::min(m, n);
  const bool vectors = u.defined();
  const bool full = vectors && u.size(1) == m && m != k;
  const bool full_v = vectors && vt.size(2) == n && n != k;
  const char jobz = !vectors ? 'N' : (full || full_v ? 'A' : 'S');
  const int u_cols = !vectors ? 1 : as_lapack_int(u.size(1));
  const int vt_rows = !vectors ? 1 : as_lapack_int(vt.size(2));
  const int ldu = std::max(1, m), ldvt = std::max(1, vt_rows);
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    T* ps = s.data_ptr<T>();
    T* pu = vectors ? u.data_ptr<T>() : nullptr;
    T* pvt = vectors ? vt.data_ptr<T>() : nullptr;
    int* pi = info.data_ptr<int>();
    T query = 0, dummy = 0;
    int status = 0;
    std::vector<int> iwork_query(static_cast<size_t>(8 * std::max(k, 1)));
    gesdd(jobz, m, n, pa, ps, vectors ? pu : &dummy, ldu, vectors ? pvt : &dummy, ldvt, &query, -1,
          iwork_query.data(), &status);
    const int lwork = workspace_size(query);
    for_each_matrix(batch, 8 * int64_t(m) * n * k, [&](int64_t b) {
      std::vector<T> work(static_cast<size_t>(lwork));
      std::vector<int> iwork(static_cast<size_t>(8 * std::max(k, 1)));
      T u_dummy = 0, vt_dummy = 0;
      gesdd(jobz, m, n, pa + b * m * n, ps + b * k,
            vectors ? pu + b * int64_t(m) * u_cols : &u_dummy, ldu,
            vectors ? pvt + b * int64_t(vt_rows) * n : &vt_dummy, ldvt, work.data(), lwork,
            iwork.data(), pi + b);
    });
  });
}

}  // namespace ember::cpu

#endif  // EMBER_WITH_LAPACK
