// cumsum along a dim on the GPU over a contiguous [outer, size, inner] tensor, accumulating
// as the CPU kernel (backends/cpu/CumSumKernel.cpp): integers in int64 with wrap-around,
// half/bfloat16 in float, float and double in double, each output rounded from the running
// sum. When the dim is innermost one block scans a row in tiles of kThreads elements (a
// Hillis-Steele scan in shared memory plus the running carry); otherwise one thread scans a
// line (neighbouring threads read neighbouring memory).

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "kernels/Convert.h"
#include "kernels/ReduceOps.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

constexpr int kThreads = 256;
constexpr int64_t kMaxBlocks = 65535 * 16;

template <class T>
using cumsum_acc_t =
    std::conditional_t<std::is_integral_v<T>, int64_t,
                       std::conditional_t<kernels::is_reduced_float_v<T>, float, double>>;

template <class T>
__global__ void __launch_bounds__(kThreads)
    cumsum_rows_kernel(const T* x, T* y, int64_t rows, int64_t size) {
  using Acc = cumsum_acc_t<T>;
  const kernels::SumOp<Acc> op;
  __shared__ Acc sh[kThreads];
  const int t = threadIdx.x;
  for (int64_t row = blockIdx.x; row < rows; row += gridDim.x) {
    const T* xr = x + row * size;
    T* yr = y + row * size;
    Acc carry = op.identity();
    for (int64_t base = 0; base < size; base += kThreads) {
      const int64_t i = base + t;
      sh[t] = i < size ? kernels::convert<Acc>(xr[i]) : op.identity();
      __syncthreads();
      for (int off = 1; off < kThreads; off *= 2) {
        const Acc left = t >= off ? sh[t - off] : op.identity();
        __syncthreads();
        if (t >= off) sh[t] = op.combine(left, sh[t]);
        __syncthreads();
      }
      if (i < size) yr[i] = kernels::convert<T>(op.combine(carry, sh[t]));
      carry = op.combine(carry, sh[kThreads - 1]);
      __syncthreads();  // everyone has read sh before the next tile overwrites it
    }
  }
}

template <class T>
__global__ void __launch_bounds__(kThreads)
    cumsum_lines_kernel(const T* x, T* y, int64_t lines, int64_t size, int64_t inner) {
  using Acc = cumsum_acc_t<T>;
  const kernels::SumOp<Acc> op;
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t line = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; line < lines;
       line += stride) {
    const int64_t o = line / inner, j = line % inner;
    const T* xl = x + o * size * inner + j;
    T* yl = y + o * size * inner + j;
    Acc acc = op.identity();
    for (int64_t i = 0; i < size; ++i) {
      acc = op.reduce(acc, kernels::convert<Acc>(xl[i * inner]), i);
      yl[i * inner] = kernels::convert<T>(acc);
    }
  }
}

}  // namespace

void cumsum_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  const auto [outer, size, inner] = detail::split_at_dim(in.sizes(), dim);
  if (outer * size * inner == 0) return;
  const int8_t device = in.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kNumeric>(in.dtype(), "cumsum", kCUDA, [&]<class T>() {
    const T* x = static_cast<const T*>(in.data_ptr());
    T* y = static_cast<T*>(out.data_ptr());
    if (inner == 1) {
      const auto blocks = static_cast<unsigned>(std::min(outer, kMaxBlocks));
      cumsum_rows_kernel<T><<<blocks, kThreads, 0, stream>>>(x, y, outer, size);
      EMBER_CUDA_LAUNCH_CHECK("cumsum_rows_kernel");
    } else {
      const int64_t lines = outer * inner;
      const auto blocks =
          static_cast<unsigned>(std::min((lines + kThreads - 1) / kThreads, kMaxBlocks));
      cumsum_lines_kernel<T><<<blocks, kThreads, 0, stream>>>(x, y, lines, size, inner);
      EMBER_CUDA_LAUNCH_CHECK("cumsum_lines_kernel");
    }
  });
}

}  // namespace ember::cuda
