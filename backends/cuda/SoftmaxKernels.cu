// softmax and log_softmax along a dim on the GPU, with the math of kernels/SoftmaxOps.h:
// max, sum of exp(x - max), then the outputs (three passes, as on the CPU). The contiguous
// input is [outer, size, inner]. When the dim is innermost, one block takes a row and reduces
// with warp shuffles; otherwise one thread takes a line (neighbouring threads read
// neighbouring memory). Half and bfloat16 compute in float.

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "backends/cuda/BlockReduce.cuh"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "kernels/Convert.h"
#include "kernels/ReduceOps.h"
#include "kernels/SoftmaxOps.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

constexpr int kRowThreads = 256;
constexpr int kLineThreads = 256;
// Grid sizes stay below the limits; the kernels loop over any remaining rows or lines.
constexpr int64_t kMaxBlocks = 65535 * 16;

template <class V>
struct MaxCombine {
  __device__ V operator()(V a, V b) const { return kernels::MaxOp<V>{}.combine(a, b); }
};
template <class V>
struct SumCombine {
  __device__ V operator()(V a, V b) const { return a + b; }
};

template <class T, bool kLog>
__global__ void __launch_bounds__(kRowThreads)
    softmax_rows_kernel(const T* x, T* y, int64_t rows, int64_t size) {
  using V = kernels::opmath_t<T>;
  __shared__ V scratch[32];
  for (int64_t row = blockIdx.x; row < rows; row += gridDim.x) {
    const T* xr = x + row * size;
    T* yr = y + row * size;
    const kernels::MaxOp<V> max_op;
    V m = max_op.identity();
    for (int64_t i = threadIdx.x; i < size; i += blockDim.x) {
      m = max_op.reduce(m, kernels::convert<V>(xr[i]), i);
    }
    m = block_all_reduce(m, MaxCombine<V>{}, scratch);
    const kernels::SoftmaxExp<V> exp_op{m};
    V s = V(0);
    for (int64_t i = threadIdx.x; i < size; i += blockDim.x)
      s += exp_op(kernels::convert<V>(xr[i]));
    s = block_all_reduce(s, SumCombine<V>{}, scratch);
    if constexpr (kLog) {
      const kernels::LogSoftmaxOut<V> out_op{m, static_cast<V>(std::log(s))};
      for (int64_t i = threadIdx.x; i < size; i += blockDim.x) {
        yr[i] = kernels::convert<T>(out_op(kernels::convert<V>(xr[i])));
      }
    } else {
      const V inv = V(1) / s;
      for (int64_t i = threadIdx.x; i < size; i += blockDim.x) {
        yr[i] = kernels::convert<T>(exp_op(kernels::convert<V>(xr[i])) * inv);
      }
    }
  }
}

template <class T, bool kLog>
__global__ void __launch_bounds__(kLineThreads)
    softmax_lines_kernel(const T* x, T* y, int64_t lines, int64_t size, int64_t inner) {
  using V = kernels::opmath_t<T>;
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t line = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; line < lines;
       line += stride) {
    const int64_t o = line / inner, j = line % inner;
    const T* xl = x + o * size * inner + j;
    T* yl = y + o * size * inner + j;
    const kernels::MaxOp<V> max_op;
    V m = max_op.identity();
    for (int64_t i = 0; i < size; ++i) m = max_op.reduce(m, kernels::convert<V>(xl[i * inner]), i);
    const kernels::SoftmaxExp<V> exp_op{m};
    V s = V(0);
    for (int64_t i = 0; i < size; ++i) s += exp_op(kernels::convert<V>(xl[i * inner]));
    if constexpr (kLog) {
      const kernels::LogSoftmaxOut<V> out_op{m, static_cast<V>(std::log(s))};
      for (int64_t i = 0; i < size; ++i) {
        yl[i * inner] = kernels::convert<T>(out_op(kernels::convert<V>(xl[i * inner])));
      }
    } else {
      const V inv = V(1) / s;
      for (int64_t i = 0; i < size; ++i) {
        yl[i * inner] = kernels::convert<T>(exp_op(kernels::convert<V>(xl[i * inner])) * inv);
      }
    }
  }
}

template <bool kLog>
void softmax_impl(const char* name, const Tensor& out, const Tensor& in, int64_t dim) {
  const auto [outer, size, inner] = detail::split_at_dim(in.sizes(), dim);
  if (outer * size * inner == 0) return;
  const int8_t device = in.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kFloating>(in.dtype(), name, kCUDA, [&]<class T>() {
    const T* x = static_cast<const T*>(in.data_ptr());
    T* y = static_cast<T*>(out.data_ptr());
    if (inner == 1) {
      const auto blocks = static_cast<unsigned>(std::min(outer, kMaxBlocks));
      softmax_rows_kernel<T, kLog><<<blocks, kRowThreads, 0, stream>>>(x, y, outer, size);
      EMBER_CUDA_LAUNCH_CHECK("softmax_rows_kernel");
    } else {
      const int64_t lines = outer * inner;
      const auto blocks =
          static_cast<unsigned>(std::min((lines + kLineThreads - 1) / kLineThreads, kMaxBlocks));
      softmax_lines_kernel<T, kLog><<<blocks, kLineThreads, 0, stream>>>(x, y, lines, size, inner);
      EMBER_CUDA_LAUNCH_CHECK("softmax_lines_kernel");
    }
  });
}

}  // namespace

void softmax_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  softmax_impl<false>("softmax", out, in, dim);
}

void log_softmax_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  softmax_impl<true>("log_softmax", out, in, dim);
}

}  // namespace ember::cuda
