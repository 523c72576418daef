// Batch normalisation on the GPU over a contiguous input viewed as [N, C, S]: one block per
// channel for the statistics (the mean, then the squared deviations from it, each a block
// reduction) and for the backward's two sums followed by the gradient pass; the
// normalisation is one thread per element.

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>

#include "backends/cuda/BlockReduce.cuh"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/GridStride.cuh"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "kernels/OpMath.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

struct Planes {
  int64_t batch, channels, size;
};
Planes planes_of(const Tensor& in) {
  const int64_t channels = in.size(1), batch = in.size(0);
  return {batch, channels, channels * batch == 0 ? 0 : in.numel() / (channels * batch)};
}

struct Add {
  template <class V>
  __device__ V operator()(V a, V b) const {
    return a + b;
  }
};

// Element k of channel c: plane k / S of the channel, offset k % S in it.
__device__ inline int64_t channel_offset(int64_t k, int64_t c, const Planes& p) {
  return ((k / p.size) * p.channels + c) * p.size + k % p.size;
}

template <class T>
__global__ void stats_per_channel(T* mean, T* var, const T* x, Planes p) {
  using M = kernels::opmath_t<T>;
  __shared__ M scratch[32];
  const int64_t c = blockIdx.x;
  const int64_t count = p.batch * p.size;
  M sum = 0;
  for (int64_t k = threadIdx.x; k < count; k += blockDim.x) {
    sum += static_cast<M>(x[channel_offset(k, c, p)]);
  }
  const M mu = block_all_reduce(sum, Add{}, scratch) / static_cast<M>(count);
  M squares = 0;
  for (int64_t k = threadIdx.x; k < count; k += blockDim.x) {
    const M d = static_cast<M>(x[channel_offset(k, c, p)]) - mu;
    squares += d * d;
  }
  squares = block_all_reduce(squares, Add{}, scratch);
  if (threadIdx.x == 0) {
    mean[c] = static_cast<T>(mu);
    var[c] = static_cast<T>(squares / static_cast<M>(count));
  }
}

template <class T>
__global__ void apply_elements(T* y, const T* x, const T* mean, const T* invstd, const T* w,
                               const T* b, int64_t n, Planes p) {
  using M = kernels::opmath_t<T>;
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t c = (e / p.size) % p.channels;
    const M scale = static_cast<M>(invstd[c]) * (w ? static_cast<M>(w[c]) : M(1));
    const M shift = (b ? static_cast<M>(b[c]) : M(0)) - static_cast<M>(mean[c]) * scale;
    y[e] = static_cast<T>(static_cast<M>(x[e]) * scale + shift);
  }
}

template <class T>
__global__ void backward_per_channel(T* dx, T* dw, T* db, const T* dy, const T* x, const T* mean,
                                     const T* invstd, const T* w, bool training, Planes p) {
  using M = kernels::opmath_t<T>;
  __shared__ M scratch[32];
  const int64_t c = blockIdx.x;
  const int64_t count = p.batch * p.size;
  const M m = static_cast<M>(mean[c]), inv = static_cast<M>(invstd[c]);
  const M wc = w ? static_cast<M>(w[c]) : M(1);
  M sum_dy = 0, sum_dy_xmu = 0;
  if (training || dw != nullptr || db != nullptr) {
    for (int64_t k = threadIdx.x; k < count; k += blockDim.x) {
      const int64_t o = channel_offset(k, c, p);
      const M g = static_cast<M>(dy[o]);
      sum_dy += g;
      sum_dy_xmu += g * (static_cast<M>(x[o]) - m);
    }
    sum_dy = block_all_reduce(sum_dy, Add{}, scratch);
    sum_dy_xmu = block_all_reduce(sum_dy_xmu, Add{}, scratch);
  }
  if (dx != nullptr) {
    const M grad_mean = training ? sum_dy / static_cast<M>(count) : M(0);
    const M proj = training ? sum_dy_xmu / static_cast<M>(count) * inv * inv : M(0);
    const M scale = inv * wc;
    for (int64_t k = threadIdx.x; k < count; k += blockDim.x) {
      const int64_t o = channel_offset(k, c, p);
      const M centered = static_cast<M>(x[o]) - m;
      dx[o] = static_cast<T>((static_cast<M>(dy[o]) - grad_mean - centered * proj) * scale);
    }
  }
  if (threadIdx.x == 0) {
    if (dw != nullptr) dw[c] = static_cast<T>(sum_dy_xmu * inv);
    if (db != nullptr) db[c] = static_cast<T>(sum_dy);
  }
}

template <class T>
T* data_or_null(const Tensor& t) {
  return t.defined() ? static_cast<T*>(t.data_ptr()) : nullptr;
}

}  // namespace

void batch_norm_stats_kernel(const Tensor& mean, const Tensor& var, const Tensor& in) {
  const Planes p = planes_of(in);
  if (p.channels == 0 || in.numel() == 0) return;
  const int8_t device = in.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kFloating>(in.dtype(), "batch_norm", kCUDA, [&]<class T>() {
    stats_per_channel<T><<<static_cast<unsigned>(p.channels), kGridThreads, 0, stream>>>(
        static_cast<T*>(mean.data_ptr()), static_cast<T*>(var.data_ptr()),
        static_cast<const T*>(in.data_ptr()), p);
    EMBER_CUDA_LAUNCH_CHECK("stats_per_channel");
  });
}

void batch_norm_apply_kernel(const Tensor& out, const Tensor& in, const Tensor& mean,
                             const Tensor& invstd, const Tensor& weight, const Tensor& bias) {
  const int64_t n = in.numel();
  if (n == 0) return;
  const Planes p = planes_of(in);
  const int8_t device = in.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kFloating>(in.dtype(), "batch_norm", kCUDA, [&]<class T>() {
    apply_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(out.data_ptr()), static_cast<const T*>(in.data_ptr()),
        static_cast<const T*>(mean.data_ptr()), static_cast<const T*>(invstd.data_ptr()),
        data_or_null<const T>(weight), data_or_null<const T>(bias), n, p);
    EMBER_CUDA_LAUNCH_CHECK("apply_elements");
  });
}

void batch_norm_backward_kernel(const Tensor& grad_input, const Tensor& grad_weight,
                                const Tensor& grad_bias, const Tensor& grad_out, const Tensor& in,
                                const Tensor& mean, const Tensor& invstd, const Tensor& weight,
                                bool training) {
  const Planes p = planes_of(in);
  if (p.channels == 0) return;
  const int8_t device = in.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kFloating>(
      in.dtype(), "batch_norm_backward", kCUDA, [&]<class T>() {
        backward_per_channel<T><<<static_cast<unsigned>(p.channels), kGridThreads, 0, stream>>>(
            data_or_null<T>(grad_input), data_or_null<T>(grad_weight), data_or_null<T>(grad_bias),
            static_cast<const T*>(grad_out.data_ptr()), static_cast<const T*>(in.data_ptr()),
            static_cast<const T*>(mean.data_ptr()), static_cast<const T*>(invstd.data_ptr()),
            data_or_null<const T>(weight), training, p);
        EMBER_CUDA_LAUNCH_CHECK("backward_per_channel");
      });
}

}  // namespace ember::cuda
