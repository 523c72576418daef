// The CUDA backend's linear-algebra kernels on cuSOLVER: getrf, getrs, potrf, geqrf, orgqr,
// syevd and gesvdj, called once per matrix of a batch, all queued on the device's current
// stream with one workspace per kernel call. Matrices are column-major as LAPACK's
// (core/KernelSignatures.h). info stays on the device: the front end (core/ops/Linalg.cpp)
// reads it when it checks for errors, and raises PyTorch's errors as on the CPU.

#include <algorithm>
#include <cstdint>

#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CusolverHandle.h"
#include "backends/cuda/Kernels.h"
#include "core/LinalgKernelSupport.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::cuda {

namespace {

using Handle = cusolverDnHandle_t;

// One overload set per routine, so the kernels are written once for both dtypes.
cusolverStatus_t getrf_size(Handle h, int n, float* a, int* lwork) {
  return cusolverDnSgetrf_bufferSize(h, n, n, a, n, lwork);
}
cusolverStatus_t getrf_size(Handle h, int n, double* a, int* lwork) {
  return cusolverDnDgetrf_bufferSize(h, n, n, a, n, lwork);
}
cusolverStatus_t getrf(Handle h, int n, float* a, float* work, int* ipiv, int* info) {
  return cusolverDnSgetrf(h, n, n, a, n, work, ipiv, info);
}
cusolverStatus_t getrf(Handle h, int n, double* a, double* work, int* ipiv, int* info) {
  return cusolverDnDgetrf(h, n, n, a, n, work, ipiv, info);
}
cusolverStatus_t getrs(Handle h, cublasOperation_t t, int n, int k, const float* a, const int* ipiv,
                       float* b, int* info) {
  return cusolverDnSgetrs(h, t, n, k, a, n, ipiv, b, n, info);
}
cusolverStatus_t getrs(Handle h, cublasOperation_t t, int n, int k, const double* a,
                       const int* ipiv, double* b, int* info) {
  return cusolverDnDgetrs(h, t, n, k, a, n, ipiv, b, n, info);
}
cusolverStatus_t potrf_size(Handle h, cublasFillMode_t uplo, int n, float* a, int* lwork) {
  return cusolverDnSpotrf_bufferSize(h, uplo, n, a, n, lwork);
}
cusolverStatus_t potrf_size(Handle h, cublasFillMode_t uplo, int n, double* a, int* lwork) {
  return cusolverDnDpotrf_bufferSize(h, uplo, n, a, n, lwork);
}
cusolverStatus_t potrf(Handle h, cublasFillMode_t uplo, int n, float* a, float* work, int lwork,
                       int* info) {
  return cusolverDnSpotrf(h, uplo, n, a, n, work, lwork, info);
}
cusolverStatus_t potrf(Handle h, cublasFillMode_t uplo, int n, double* a, double* work, int lwork,
                       int* info) {
  return cusolverDnDpotrf(h, uplo, n, a, n, work, lwork, info);
}
cusolverStatus_t geqrf_size(Handle h, int m, int n, float* a, int* lwork) {
  return cusolverDnSgeqrf_bufferSize(h, m, n, a, m, lwork);
}
cusolverStatus_t geqrf_size(Handle h, int m, int n, double* a, int* lwork) {
  return cusolverDnDgeqrf_bufferSize(h, m, n, a, m, lwork);
}
cusolverStatus_t geqrf(Handle h, int m, int n, float* a, float* tau, float* work, int lwork,
                       int* info) {
  return cusolverDnSgeqrf(h, m, n, a, m, tau, work, lwork, info);
}
cusolverStatus_t geqrf(Handle h, int m, int n, double* a, double* tau, double* work, int lwork,
                       int* info) {
  return cusolverDnDgeqrf(h, m, n, a, m, tau, work, lwork, info);
}
cusolverStatus_t orgqr_size(Handle h, int m, int n, int k, const float* a, const float* tau,
                            int* lwork) {
  return cusolverDnSorgqr_bufferSize(h, m, n, k, a, m, tau, lwork);
}
cusolverStatus_t orgqr_size(Handle h, int m, int n, int k, const double* a, const double* tau,
                            int* lwork) {
  return cusolverDnDorgqr_bufferSize(h, m, n, k, a, m, tau, lwork);
}
cusolverStatus_t orgqr(Handle h, int m, int n, int k, float* a, const float* tau, float* work,
                       int lwork, int* info) {
  return cusolverDnSorgqr(h, m, n, k, a, m, tau, work, lwork, info);
}
cusolverStatus_t orgqr(Handle h, int m, int n, int k, double* a, const double* tau, double* work,
                       int lwork, int* info) {
  return cusolverDnDorgqr(h, m, n, k, a, m, tau, work, lwork, info);
}
cusolverStatus_t syevd_size(Handle h, cusolverEigMode_t jobz, cublasFillMode_t uplo, int n,
                            const float* a, const float* w, int* lwork) {
  return cusolverDnSsyevd_bufferSize(h, jobz, uplo, n, a, n, w, lwork);
}
cusolverStatus_t syevd_size(Handle h, cusolverEigMode_t jobz, cublasFillMode_t uplo, int n,
                            const double* a, const double* w, int* lwork) {
  return cusolverDnDsyevd_bufferSize(h, jobz, uplo, n, a, n, w, lwork);
}
cusolverStatus_t syevd(Handle h, cusolverEigMode_t jobz, cublasFillMode_t uplo, int n, float* a,
                       float* w, float* work, int lwork, int* info) {
  return cusolverDnSsyevd(h, jobz, uplo, n, a, n, w, work, lwork, info);
}
cusolverStatus_t syevd(Handle h, cusolverEigMode_t jobz, cublasFillMode_t uplo, int n, double* a,
                       double* w, double* work, int lwork, int* info) {
  return cusolverDnDsyevd(h, jobz, uplo, n, a, n, w, work, lwork, info);
}
// gesvdj with lda = m, ldu = m, ldv = n.
cusolverStatus_t gesvdj_size(Handle h, cusolverEigMode_t jobz, int econ, int m, int n,
                             const float* a, const float* s, const float* u, const float* v,
                             int* lwork, gesvdjInfo_t params) {
  return cusolverDnSgesvdj_bufferSize(h, jobz, econ, m, n, a, m, s, u, m, v, n, lwork, params);
}
cusolverStatus_t gesvdj_size(Handle h, cusolverEigMode_t jobz, int econ, int m, int n,
                             const double* a, const double* s, const double* u, const double* v,
                             int* lwork, gesvdjInfo_t params) {
  return cusolverDnDgesvdj_bufferSize(h, jobz, econ, m, n, a, m, s, u, m, v, n, lwork, params);
}
cusolverStatus_t gesvdj(Handle h, cusolverEigMode_t jobz, int econ, int m, int n, float* a,
                        float* s, float* u, float* v, float* work, int lwork, int* info,
                        gesvdjInfo_t params) {
  return cusolverDnSgesvdj(h, jobz, econ, m, n, a, m, s, u, m, v, n, work, lwork, info, params);
}
cusolverStatus_t gesvdj(Handle h, cusolverEigMode_t jobz, int econ, int m, int n, double* a,
                        double* s, double* u, double* v, double* work, int lwork, int* info,
                        gesvdjInfo_t params) {
  return cusolverDnDgesvdj(h, jobz, econ, m, n, a, m, s, u, m, v, n, work, lwork, info, params);
}

int as_solver_int(int64_t v) { return detail::linalg_int(v, "cuSOLVER"); }

// The device of `t` made current and its cuSOLVER handle bound to the current stream.
struct Solver {
  explicit Solver(const Tensor& t) : guard(t.device().index()), bound(t.device().index()) {}
  Handle handle() const { return bound.get(); }
  // A workspace of `count` elements of T.
  template <class T>
  DataPtr work(int64_t count) const {
    return bound.workspace(sizeof(T) * static_cast<size_t>(std::max<int64_t>(count, 1)));
  }
  impl::RawDeviceGuard guard;
  impl::BoundSolver bound;
};

// gesvdj's parameters (default tolerance and sweeps), destroyed with this object.
struct GesvdjParams {
  GesvdjParams() { EMBER_CUSOLVER_CHECK(cusolverDnCreateGesvdjInfo(&params)); }
  ~GesvdjParams() { cusolverDnDestroyGesvdjInfo(params); }
  GesvdjParams(const GesvdjParams&) = delete;
  GesvdjParams& operator=(const GesvdjParams&) = delete;
  gesvdjInfo_t params = nullptr;
};

}  // namespace

void lu_factor_kernel(const Tensor& a, const Tensor& pivots, const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_solver_int(a.size(1));
  const Solver s(a);
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    int* pp = pivots.data_ptr<int>();
    int* pi = info.data_ptr<int>();
    int lwork = 0;
    EMBER_CUSOLVER_CHECK(getrf_size(s.handle(), n, pa, &lwork));
    const DataPtr work = s.work<T>(lwork);
    for (int64_t b = 0; b < batch; ++b) {
      EMBER_CUSOLVER_CHECK(
          getrf(s.handle(), n, pa + b * n * n, static_cast<T*>(work.get()), pp + b * n, pi + b));
    }
  });
}

void lu_solve_kernel(const Tensor& lu, const Tensor& pivots, const Tensor& b, bool transpose) {
  const int64_t batch = lu.size(0);
  const int n = as_solver_int(lu.size(1)), k = as_solver_int(b.size(1));
  const Solver s(lu);
  // getrs only reports invalid arguments, which these calls never pass.
  const DataPtr status = s.bound.workspace(sizeof(int));
  detail::dispatch_linalg_float(lu, [&](auto zero) {
    using T = decltype(zero);
    const T* pa = lu.data_ptr<T>();
    const int* pp = pivots.data_ptr<int>();
    T* pb = b.data_ptr<T>();
    for (int64_t i = 0; i < batch; ++i) {
      EMBER_CUSOLVER_CHECK(getrs(s.handle(), transpose ? CUBLAS_OP_T : CUBLAS_OP_N, n, k,
                                 pa + i * n * n, pp + i * n, pb + i * n * k,
                                 static_cast<int*>(status.get())));
    }
  });
}

void cholesky_kernel(const Tensor& a, bool lower, const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_solver_int(a.size(1));
  const cublasFillMode_t uplo = lower ? CUBLAS_FILL_MODE_LOWER : CUBLAS_FILL_MODE_UPPER;
  const Solver s(a);
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    int* pi = info.data_ptr<int>();
    int lwork = 0;
    EMBER_CUSOLVER_CHECK(potrf_size(s.handle(), uplo, n, pa, &lwork));
    const DataPtr work = s.work<T>(lwork);
    for (int64_t b = 0; b < batch; ++b) {
      EMBER_CUSOLVER_CHECK(
          potrf(s.handle(), uplo, n, pa + b * n * n, static_cast<T*>(work.get()), lwork, pi + b));
    }
  });
  // potrf leaves the other triangle as it was: zero it. The column-major lower triangle is
  // the row-major upper one.
  Tensor factors = a;
  if (lower) {
    factors.triu_();
  } else {
    factors.tril_();
  }
}

void geqrf_kernel(const Tensor& a, const Tensor& tau) {
  const int64_t batch = a.size(0);
  const int cols = as_solver_int(a.size(1)), rows = as_solver_int(a.size(2));
  const int k = std::min(rows, cols);
  const Solver s(a);
  const DataPtr status = s.bound.workspace(sizeof(int));
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    T* pt = tau.data_ptr<T>();
    int lwork = 0;
    EMBER_CUSOLVER_CHECK(geqrf_size(s.handle(), rows, cols, pa, &lwork));
    const DataPtr work = s.work<T>(lwork);
    for (int64_t b = 0; b < batch; ++b) {
      EMBER_CUSOLVER_CHECK(geqrf(s.handle(), rows, cols, pa + b * rows * cols, pt + b * k,
                                 static_cast<T*>(work.get()), lwork,
                                 static_cast<int*>(status.get())));
    }
  });
}

void orgqr_kernel(const Tensor& q, const Tensor& tau) {
  const int64_t batch = q.size(0);
  const int cols = as_solver_int(q.size(1)), rows = as_solver_int(q.size(2));
  const int k = as_solver_int(tau.size(1));
  const Solver s(q);
  const DataPtr status = s.bound.workspace(sizeof(int));
  detail::dispatch_linalg_float(q, [&](auto zero) {
    using T = decltype(zero);
    T* pq = q.data_ptr<T>();
    const T* pt = tau.data_ptr<T>();
    int lwork = 0;
    EMBER_CUSOLVER_CHECK(orgqr_size(s.handle(), rows, cols, k, pq, pt, &lwork));
    const DataPtr work = s.work<T>(lwork);
    for (int64_t b = 0; b < batch; ++b) {
      EMBER_CUSOLVER_CHECK(orgqr(s.handle(), rows, cols, k, pq + b * rows * cols, pt + b * k,
                                 static_cast<T*>(work.get()), lwork,
                                 static_cast<int*>(status.get())));
    }
  });
}

void eigh_kernel(const Tensor& a, const Tensor& w, bool lower, bool vectors, const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_solver_int(a.size(1));
  const cusolverEigMode_t jobz = vectors ? CUSOLVER_EIG_MODE_VECTOR : CUSOLVER_EIG_MODE_NOVECTOR;
  const cublasFillMode_t uplo = lower ? CUBLAS_FILL_MODE_LOWER : CUBLAS_FILL_MODE_UPPER;
  const Solver s(a);
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    T* pw = w.data_ptr<T>();
    int* pi = info.data_ptr<int>();
    int lwork = 0;
    EMBER_CUSOLVER_CHECK(syevd_size(s.handle(), jobz, uplo, n, pa, pw, &lwork));
    const DataPtr work = s.work<T>(lwork);
    for (int64_t b = 0; b < batch; ++b) {
      EMBER_CUSOLVER_CHECK(syevd(s.handle(), jobz, uplo, n, pa + b * n * n, pw + b * n,
                                 static_cast<T*>(work.get()), lwork, pi + b));
    }
  });
}

// gesvdj (Jacobi, as PyTorch's default CUDA driver) returns V rather than V^T: it is computed
// into a scratch batch and transposed into vt. Without vectors, U and V go to one matrix's
// scratch, unread.
void svd_kernel(const Tensor& a, const Tensor& s, const Tensor& u, const Tensor& vt,
                const Tensor& info) {
  const int64_t batch = a.size(0);
  const int n = as_solver_int(a.size(1)), m = as_solver_int(a.size(2));
  const int k = std::min(m, n);
  const bool vectors = u.defined();
  const int u_cols = vectors ? as_solver_int(u.size(1)) : k;
  const int v_cols = vectors ? as_solver_int(vt.size(2)) : k;
  // econ = 0 gives U m x m and V n x n; both are asked for together.
  const int econ = (u_cols == m && m != k) || (v_cols == n && n != k) ? 0 : 1;
  const cusolverEigMode_t jobz = vectors ? CUSOLVER_EIG_MODE_VECTOR : CUSOLVER_EIG_MODE_NOVECTOR;
  const Solver solver(a);
  const GesvdjParams params;
  const Tensor v = vectors ? empty({batch, v_cols, n}, a.options()) : Tensor();
  detail::dispatch_linalg_float(a, [&](auto zero) {
    using T = decltype(zero);
    T* pa = a.data_ptr<T>();
    T* ps = s.data_ptr<T>();
    int* pi = info.data_ptr<int>();
    const DataPtr scratch = vectors ? DataPtr() : solver.work<T>(int64_t(m) * m + int64_t(n) * n);
    T* pu = vectors ? u.data_ptr<T>() : static_cast<T*>(scratch.get());
    T* pv = vectors ? v.data_ptr<T>() : static_cast<T*>(scratch.get()) + int64_t(m) * m;
    const int64_t u_step = vectors ? int64_t(m) * u_cols : 0;
    const int64_t v_step = vectors ? int64_t(n) * v_cols : 0;
    int lwork = 0;
    EMBER_CUSOLVER_CHECK(
        gesvdj_size(solver.handle(), jobz, econ, m, n, pa, ps, pu, pv, &lwork, params.params));
    const DataPtr work = solver.work<T>(lwork);
    for (int64_t b = 0; b < batch; ++b) {
      EMBER_CUSOLVER_CHECK(gesvdj(solver.handle(), jobz, econ, m, n, pa + b * m * n, ps + b * k,
                                  pu + b * u_step, pv + b * v_step, static_cast<T*>(work.get()),
                                  lwork, pi + b, params.params));
    }
  });
  // v holds V column-major (n x v_cols), i.e. V^T row-major; vt is V^T column-major.
  if (vectors) Tensor(vt).copy_(v.transpose(1, 2));
}

}  // namespace ember::cuda
