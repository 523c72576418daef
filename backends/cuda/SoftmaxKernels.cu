// softmax and log_softmax along a dim on the GPU, with the math of kernels/SoftmaxOps.h:
// max, sum of exp(x - max), then the outputs. The contiguous input is [outer, size, inner].
// Along the innermost dim (inner == 1), rows of up to 1024 values take one warp each and stay
// in registers (the input is read once; warp shuffles reduce, no shared memory or barrier),
// as PyTorch's persistent softmax; longer rows take a block each. Along an outer dim, a block
// takes a tile of up to 32 neighbouring columns (coalesced reads) and splits the softmax dim
// between its rows of threads, which combine through shared memory. Half and bfloat16
// compute in float.
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

// Rows of up to kMaxWarpRow values: one warp per row, kWarpRowsThreads / 32 rows per block.
constexpr int kWarpRowsThreads = 128;
constexpr int kMaxWarpRow = 1024;
// Longer rows: one block per row.
constexpr int kRowThreads = 256;
// Along an outer dim: blocks of kColumnThreads threads (columns x rows of threads).
constexpr int kColumnThreads = 256;
// Grid sizes stay below the limits; the kernels loop over any remaining rows or tiles.
constexpr int64_t kMaxBlocks = 65535 * 16;

template <class V>
struct MaxCombine {
  __device__ V operator()(V a, V b) const { return kernels::MaxOp<V>{}.combine(a, b); }
};
template <class V>
struct SumCombine {
  __device__ V operator()(V a, V b) const { return a + b; }
};

/// Combines `v` over the warp (all 32 lanes must call it); every lane gets the same result
/// (each butterfly step combines the same two values on both lanes of a pair).
template <class V, class Combine>
__device__ V warp_all_reduce(V v, const Combine& combine) {
  for (int offset = 16; offset > 0; offset /= 2) {
    v = combine(v, __shfl_xor_sync(0xffffffffu, v, offset));
  }
  return v;
}

/// Writes the outputs of one value given the row's max `m` and sum of exponentials `s`.
template <class T, bool kLog>
struct RowOutput {
  using V = kernels::opmath_t<T>;
  V max, scale;  // kLog: scale = log(s); else scale = 1 / s
  __device__ RowOutput(V m, V s) : max(m), scale(kLog ? static_cast<V>(std::log(s)) : V(1) / s) {}
  __device__ T operator()(V x) const {
    if constexpr (kLog) {
      return kernels::convert<T>(kernels::LogSoftmaxOut<V>{max, scale}(x));
    } else {
      return kernels::convert<T>(kernels::SoftmaxExp<V>{max}(x)*scale);
    }
  }
};

// One warp per row of `size` <= 32 * kPerLane values, held in registers: lane l has the
// values l, l + 32, ... (coalesced loads and stores).
template <class T, bool kLog, int kPerLane>
__global__ void __launch_bounds__(kWarpRowsThreads)
    softmax_warp_rows_kernel(const T* x, T* y, int64_t rows, int size) {
  using V = kernels::opmath_t<T>;
  const int lane = static_cast<int>(threadIdx.x % 32);
  const int64_t warps = blockDim.x / 32;
  const kernels::MaxOp<V> max_op;
  // `row` is the same on all lanes of a warp: the whole warp stays in the loop together.
  for (int64_t row = int64_t(blockIdx.x) * warps + threadIdx.x / 32; row < rows;
       row += int64_t(gridDim.x) * warps) {
    const T* xr = x + row * size;
    T* yr = y + row * size;
    V v[kPerLane];
    V m = max_op.identity();
#pragma unroll
    for (int k = 0; k < kPerLane; ++k) {
      const int i = lane + 32 * k;
      v[k] = i < size ? kernels::convert<V>(xr[i]) : max_op.identity();
      m = max_op.reduce(m, v[k], i);
    }
    m = warp_all_reduce(m, MaxCombine<V>{});
    const kernels::SoftmaxExp<V> exp_op{m};
    V s = V(0);
#pragma unroll
    for (int k = 0; k < kPerLane; ++k) {
      if (lane + 32 * k < size) s += exp_op(v[k]);
    }
    s = warp_all_reduce(s, SumCombine<V>{});
    const RowOutput<T, kLog> out(m, s);
#pragma unroll
    for (int k = 0; k < kPerLane; ++k) {
      const int i = lane + 32 * k;
      if (i < size) yr[i] = out(v[k]);
    }
  }
}

// One block per row (rows longer than kMaxWarpRow).
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
    for (int64_t i = threadIdx.x; i < size; i += blockDim.x) {
      s += exp_op(kernels::convert<V>(xr[i]));
    }
    s = block_all_reduce(s, SumCombine<V>{}, scratch);
    const RowOutput<T, kLog> out(m, s);
    for (int64_t i = threadIdx.x; i < size; i += blockDim.x) {
      yr[i] = out(kernels::convert<V>(xr[i]));
    }
  }
}

/// Combines `v` over threadIdx.y for each threadIdx.x (blockDim.y a power of two, blockDim.x *
/// blockDim.y <= kColumnThreads; every thread must call it); every thread gets its column's
/// result. `scratch` holds kColumnThreads values and may be reused right after the call.
template <class V, class Combine>
__device__ V column_all_reduce(V v, const Combine& combine, V* scratch) {
  const unsigned tx = threadIdx.x, ty = threadIdx.y, bx = blockDim.x;
  __syncthreads();  // an earlier call's readers are done with scratch
  scratch[ty * bx + tx] = v;
  __syncthreads();
  for (unsigned half = blockDim.y / 2; half > 0; half /= 2) {
    // Rows below `half` take in the row `half` above them; no row is both read and written.
    if (ty < half)
      scratch[ty * bx + tx] = combine(scratch[ty * bx + tx], scratch[(ty + half) * bx + tx]);
    __syncthreads();
  }
  return scratch[tx];
}

// Along an outer dim: a block takes blockDim.x neighbouring columns j of one outer index o
// (a tile); its blockDim.y rows of threads take every blockDim.y-th value along the dim.
template <class T, bool kLog>
__global__ void __launch_bounds__(kColumnThreads)
    softmax_columns_kernel(const T* x, T* y, int64_t outer, int64_t size, int64_t inner) {
  using V = kernels::opmath_t<T>;
  __shared__ V scratch[kColumnThreads];
  const kernels::MaxOp<V> max_op;
  const int64_t tiles_per_outer = (inner + blockDim.x - 1) / blockDim.x;
  const int64_t tiles = outer * tiles_per_outer;
  // `tile` is the same in the whole block: every thread reaches every barrier.
  for (int64_t tile = blockIdx.x; tile < tiles; tile += gridDim.x) {
    const int64_t o = tile / tiles_per_outer;
    const int64_t j = (tile % tiles_per_outer) * blockDim.x + threadIdx.x;
    const bool active = j < inner;
    const int64_t base = o * size * inner + j;
    V m = max_op.identity();
    if (active) {
      for (int64_t i = threadIdx.y; i < size; i += blockDim.y) {
        m = max_op.reduce(m, kernels::convert<V>(x[base + i * inner]), i);
      }
    }
    m = column_all_reduce(m, MaxCombine<V>{}, scratch);
    const kernels::SoftmaxExp<V> exp_op{m};
    V s = V(0);
    if (active) {
      for (int64_t i = threadIdx.y; i < size; i += blockDim.y) {
        s += exp_op(kernels::convert<V>(x[base + i * inner]));
      }
    }
    s = column_all_reduce(s, SumCombine<V>{}, scratch);
    if (active) {
      const RowOutput<T, kLog> out(m, s);
      for (int64_t i = threadIdx.y; i < size; i += blockDim.y) {
        y[base + i * inner] = out(kernels::convert<V>(x[base + i * inner]));
      }
    }
  }
}

int64_t next_power_of_two(int64_t n) {
  int64_t p = 1;
  while (p < n) p *= 2;
  return p;
}

template <class T, bool kLog, int kPerLane>
void launch_warp_rows(const T* x, T* y, int64_t rows, int64_t size, cudaStream_t stream) {
  constexpr int64_t rows_per_block = kWarpRowsThreads / 32;
  const auto blocks =
      static_cast<unsigned>(std::min((rows + rows_per_block - 1) / rows_per_block, kMaxBlocks));
  softmax_warp_rows_kernel<T, kLog, kPerLane>
      <<<blocks, kWarpRowsThreads, 0, stream>>>(x, y, rows, static_cast<int>(size));
  EMBER_CUDA_LAUNCH_CHECK("softmax_warp_rows_kernel");
}

template <class T, bool kLog>
void launch(const T* x, T* y, int64_t outer, int64_t size, int64_t inner, cudaStream_t stream) {
  if (inner == 1 && size <= kMaxWarpRow) {
    switch (next_power_of_two((size + 31) / 32)) {
      case 1:
        return launch_warp_rows<T, kLog, 1>(x, y, outer, size, stream);
      case 2:
        return launch_warp_rows<T, kLog, 2>(x, y, outer, size, stream);
      case 4:
        return launch_warp_rows<T, kLog, 4>(x, y, outer, size, stream);
      case 8:
        return launch_warp_rows<T, kLog, 8>(x, y, outer, size, stream);
      case 16:
        return launch_warp_rows<T, kLog, 16>(x, y, outer, size, stream);
      default:
        return launch_warp_rows<T, kLog, 32>(x, y, outer, size, stream);
    }
  }
  if (inner == 1) {
    const auto blocks = static_cast<unsigned>(std::min(outer, kMaxBlocks));
    softmax_rows_kernel<T, kLog><<<blocks, kRowThreads, 0, stream>>>(x, y, outer, size);
    EMBER_CUDA_LAUNCH_CHECK("softmax_rows_kernel");
    return;
  }
  const int64_t columns = std::min<int64_t>(32, next_power_of_two(inner));
  const int64_t splits = std::min<int64_t>(kColumnThreads / columns, next_power_of_two(size));
  const int64_t tiles = outer * ((inner + columns - 1) / columns);
  const dim3 block(static_cast<unsigned>(columns), static_cast<unsigned>(splits));
  softmax_columns_kernel<T, kLog>
      <<<static_cast<unsigned>(std::min(tiles, kMaxBlocks)), block, 0, stream>>>(x, y, outer, size,
                                                                                 inner);
  EMBER_CUDA_LAUNCH_CHECK("softmax_columns_kernel");
}

template <bool kLog>
void softmax_impl(const char* name, const Tensor& out, const Tensor& in, int64_t dim) {
  const auto [outer, size, inner] = detail::split_at_dim(in.sizes(), dim);
  if (outer * size * inner == 0) return;
  const int8_t device = in.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kFloating>(in.dtype(), name, kCUDA, [&]<class T>() {
    launch<T, kLog>(static_cast<const T*>(in.data_ptr()), static_cast<T*>(out.data_ptr()), outer,
                    size, inner, stream);
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
