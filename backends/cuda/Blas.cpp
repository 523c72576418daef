// Matrix multiplication on the GPU through cuBLAS: out[b] = beta * out[b] + alpha * a[b] @ b[b]
// for float32, float64, float16 and bfloat16 (the half types accumulate in float, as in
// PyTorch). float32 uses TF32 tensor cores only when set_allow_tf32(true) (off by default).
//
// cuBLAS is column-major: the row-major product C = A B is computed as C^T = B^T A^T, which
// reads Ember's row-major buffers without copies. Operands cuBLAS cannot address (no unit
// stride in either matrix dimension) are made contiguous first.

#include <cublas_v2.h>

#include <algorithm>
#include <atomic>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/HandlePool.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

/// Runs a cuBLAS call; throws ember::Error naming it when it fails.
#define EMBER_CUBLAS_CHECK(...)                                                             \
  do {                                                                                      \
    const cublasStatus_t ember_cublas_status_ = (__VA_ARGS__);                              \
    if (EMBER_UNLIKELY(ember_cublas_status_ != CUBLAS_STATUS_SUCCESS)) {                    \
      ::ember::cuda::impl::throw_cublas_error(ember_cublas_status_, #__VA_ARGS__, __FILE__, \
                                              __LINE__);                                    \
    }                                                                                       \
  } while (0)

namespace ember::cuda {

namespace {
std::atomic<bool> tf32_allowed{false};
}  // namespace

void set_allow_tf32(bool allow) { tf32_allowed.store(allow, std::memory_order_relaxed); }
bool allow_tf32() { return tf32_allowed.load(std::memory_order_relaxed); }

namespace impl {

[[noreturn]] void throw_cublas_error(cublasStatus_t status, const char* call, const char* file,
                                     int line) {
  EMBER_FAIL("cuBLAS error: {} ({}) in {} at {}:{}", cublasGetStatusString(status),
             cublasGetStatusName(status), call, short_source_path(file), line);
}

namespace {

// The workspace of each cuBLAS call comes from the caching allocator on the call's stream and
// goes back to its cache when the call is queued: the next call on that stream reuses the
// block in stream order, no memory is held per thread or stream, and empty_cache() can return
// it (cuBLAS would otherwise allocate its own behind the allocator's back).
cublasHandle_t create_cublas_handle() {
  cublasHandle_t h = nullptr;
  EMBER_CUBLAS_CHECK(cublasCreate(&h));
  EMBER_CUBLAS_CHECK(cublasSetMathMode(h, CUBLAS_DEFAULT_MATH));
  return h;
}

HandlePool<cublasHandle_t>& cublas_handles() {
  static auto* pool = new HandlePool<cublasHandle_t>(&create_cublas_handle);  // NOLINT
  return *pool;
}

size_t workspace_size(int8_t device) {
  // cuBLAS's recommendation: 32 MiB on Hopper and later, 4 MiB before.
  return device_properties(device).major >= 9 ? (size_t(32) << 20) : (size_t(4) << 20);
}

/// The calling thread's handle for `device` (current), bound to `stream` (the device's
/// current stream) and to a workspace that lives as long as this object: keep it until the
/// cuBLAS call is queued.
class BoundHandle {
 public:
  BoundHandle(int8_t device, cudaStream_t stream)
      : workspace_(device_allocator()->allocate(workspace_size(device), Device(kCUDA, device))) {
    handle_ = thread_handle(cublas_handles(), device);
    EMBER_CUBLAS_CHECK(cublasSetStream(handle_, stream));
    // cublasSetStream resets the workspace, so it is set after it.
    EMBER_CUBLAS_CHECK(cublasSetWorkspace(handle_, workspace_.get(), workspace_size(device)));
  }
  cublasHandle_t get() const { return handle_; }

 private:
  DataPtr workspace_;  // allocated on the current stream: reused in stream order once freed
  cublasHandle_t handle_ = nullptr;
};

// How cuBLAS sees one row-major matrix: transposed or not, and its leading dimension.
struct BlasView {
  bool ok = false;
  cublasOperation_t op = CUBLAS_OP_N;
  int64_t ld = 1;
};

BlasView blas_view(int64_t rows, int64_t cols, int64_t row_stride, int64_t col_stride) {
  // Unit stride along columns: row-major, which cuBLAS reads as the transpose.
  if (col_stride == 1 && (rows == 1 || row_stride >= std::max<int64_t>(cols, 1))) {
    return {true, CUBLAS_OP_N, std::max({row_stride, cols, int64_t(1)})};
  }
  if (row_stride == 1 && (cols == 1 || col_stride >= std::max<int64_t>(rows, 1))) {
    return {true, CUBLAS_OP_T, std::max({col_stride, rows, int64_t(1)})};
  }
  return {};
}

template <class T>
struct CublasTypes;
template <>
struct CublasTypes<float> {
  static constexpr cudaDataType_t data = CUDA_R_32F;
  using scalar = float;
};
template <>
struct CublasTypes<double> {
  static constexpr cudaDataType_t data = CUDA_R_64F;
  using scalar = double;
};
template <>
struct CublasTypes<Half> {
  static constexpr cudaDataType_t data = CUDA_R_16F;
  using scalar = float;
};
template <>
struct CublasTypes<BFloat16> {
  static constexpr cudaDataType_t data = CUDA_R_16BF;
  using scalar = float;
};

template <class T>
cublasComputeType_t compute_type() {
  if constexpr (std::is_same_v<T, double>) {
    return CUBLAS_COMPUTE_64F;
  } else if constexpr (std::is_same_v<T, float>) {
    return allow_tf32() ? CUBLAS_COMPUTE_32F_FAST_TF32 : CUBLAS_COMPUTE_32F;
  } else {
    return CUBLAS_COMPUTE_32F;
  }
}

constexpr int64_t kIntMax = 2147483647;

template <class T>
void gemm_typed(const Tensor& out, Tensor a, Tensor b, const Scalar& beta_s,
                const Scalar& alpha_s) {
  const int64_t B = out.size(0), M = out.size(1), N = out.size(2), K = a.size(2);
  EMBER_CHECK(M <= kIntMax && N <= kIntMax && K <= kIntMax,
              "matmul on CUDA: matrix dimensions above 2^31 - 1 are not supported (got M={}, "
              "N={}, K={})",
              M, N, K);
  // cuBLAS writes C^T column-major, i.e. C row-major with unit stride along N.
  const bool out_ok = out.stride(2) == 1 && (M == 1 || out.stride(1) >= std::max<int64_t>(N, 1));
  if (!out_ok) {
    Tensor tmp = beta_s.toDouble() == 0.0
                     ? detail::empty_tensor(out.sizes(), out.dtype(), out.device())
                     : out.contiguous();
    gemm_typed<T>(tmp, a, b, beta_s, alpha_s);
    Tensor(out).copy_(tmp);
    return;
  }
  BlasView va = blas_view(M, K, a.stride(1), a.stride(2));
  if (!va.ok || va.ld > kIntMax) {
    a = a.contiguous();
    va = blas_view(M, K, a.stride(1), a.stride(2));
  }
  BlasView vb = blas_view(K, N, b.stride(1), b.stride(2));
  if (!vb.ok || vb.ld > kIntMax) {
    b = b.contiguous();
    vb = blas_view(K, N, b.stride(1), b.stride(2));
  }
  const int64_t ldc = std::max({out.stride(1), N, int64_t(1)});
  EMBER_CHECK(va.ld <= kIntMax && vb.ld <= kIntMax && ldc <= kIntMax,
              "matmul on CUDA: leading dimensions above 2^31 - 1 are not supported");

  using Scal = typename CublasTypes<T>::scalar;
  const Scal alpha = static_cast<Scal>(alpha_s.toDouble());
  const Scal beta = static_cast<Scal>(beta_s.toDouble());
  const cudaDataType_t type = CublasTypes<T>::data;
  const int8_t device = out.device().index();
  RawDeviceGuard guard(device);
  const BoundHandle bound(device, current_raw_stream(device));
  const cublasHandle_t handle = bound.get();
  const int m = static_cast<int>(N), n = static_cast<int>(M), k = static_cast<int>(K);
  if (B == 1) {
    EMBER_CUBLAS_CHECK(cublasGemmEx(handle, vb.op, va.op, m, n, k, &alpha, b.data_ptr(), type,
                                    static_cast<int>(vb.ld), a.data_ptr(), type,
                                    static_cast<int>(va.ld), &beta, out.data_ptr(), type,
                                    static_cast<int>(ldc), compute_type<T>(), CUBLAS_GEMM_DEFAULT));
  } else {
    EMBER_CUBLAS_CHECK(cublasGemmStridedBatchedEx(
        handle, vb.op, va.op, m, n, k, &alpha, b.data_ptr(), type, static_cast<int>(vb.ld),
        b.stride(0), a.data_ptr(), type, static_cast<int>(va.ld), a.stride(0), &beta,
        out.data_ptr(), type, static_cast<int>(ldc), out.stride(0), static_cast<int>(B),
        compute_type<T>(), CUBLAS_GEMM_DEFAULT));
  }
}

}  // namespace
}  // namespace impl

void gemm_kernel(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& beta,
                 const Scalar& alpha) {
  if (out.numel() == 0) return;
  EMBER_CHECK(out.size(0) <= impl::kIntMax,
              "matmul on CUDA: batch counts above 2^31 - 1 are not supported (got {})",
              out.size(0));
  detail::dispatch_dtype<detail::types::kFloating>(out.dtype(), "matmul", kCUDA, [&]<class T>() {
    if (a.size(2) == 0) {
      // An empty sum: out = beta * out (beta == 0 ignores out, NaNs included).
      Tensor o = out;
      if (beta.toDouble() == 0.0) {
        fill_kernel(o, 0);
      } else {
        o.mul_(beta);
      }
      return;
    }
    impl::gemm_typed<T>(out, a, b, beta, alpha);
  });
}

}  // namespace ember::cuda
