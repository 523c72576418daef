// im2col, col2im and max pooling on the GPU, over one sliding-window geometry
// (WindowGeometry): one thread per column element (im2col), per image element (col2im: it
// gathers the columns that cover it, so no atomics and a deterministic sum) and per output
// element (max pooling).

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/GridStride.cuh"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "kernels/OpMath.h"

namespace ember::cuda {

using detail::WindowGeometry;
namespace types = detail::types;

namespace {

// cols [planes, kH * kW, oH * oW]; element e = ((p * kH + i) * kW + j) * area + oh * oW + ow.
template <class T>
__global__ void im2col_elements(T* cols, const T* image, int64_t n, WindowGeometry g) {
  const int64_t area = g.out_height * g.out_width;
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t ow = e % g.out_width;
    const int64_t oh = (e / g.out_width) % g.out_height;
    const int64_t tap = (e / area) % (g.kernel_h * g.kernel_w);
    const int64_t plane = e / (area * g.kernel_h * g.kernel_w);
    const int64_t h = oh * g.stride_h - g.pad_h + (tap / g.kernel_w) * g.dilation_h;
    const int64_t w = ow * g.stride_w - g.pad_w + (tap % g.kernel_w) * g.dilation_w;
    cols[e] = (h >= 0 && h < g.height && w >= 0 && w < g.width)
                  ? image[(plane * g.height + h) * g.width + w]
                  : T(0);
  }
}

template <class T>
__global__ void col2im_elements(T* image, const T* cols, int64_t n, WindowGeometry g) {
  using M = kernels::opmath_t<T>;
  const int64_t area = g.out_height * g.out_width;
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t w = e % g.width;
    const int64_t h = (e / g.width) % g.height;
    const int64_t plane = e / (g.width * g.height);
    const T* plane_cols = cols + plane * g.kernel_h * g.kernel_w * area;
    M sum = M(0);
    for (int64_t i = 0; i < g.kernel_h; ++i) {
      const int64_t hs = h + g.pad_h - i * g.dilation_h;  // = oh * stride_h
      if (hs < 0 || hs % g.stride_h != 0) continue;
      const int64_t oh = hs / g.stride_h;
      if (oh >= g.out_height) continue;
      for (int64_t j = 0; j < g.kernel_w; ++j) {
        const int64_t ws = w + g.pad_w - j * g.dilation_w;
        if (ws < 0 || ws % g.stride_w != 0) continue;
        const int64_t ow = ws / g.stride_w;
        if (ow >= g.out_width) continue;
        sum += M(plane_cols[(i * g.kernel_w + j) * area + oh * g.out_width + ow]);
      }
    }
    image[e] = static_cast<T>(sum);
  }
}

template <class T>
__device__ bool is_nan(T v) {
  if constexpr (std::is_integral_v<T>) {
    return false;
  } else {
    return v != v;
  }
}

template <class T>
__global__ void max_pool_elements(T* values, int64_t* indices, const T* image, int64_t n,
                                  WindowGeometry g) {
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t ow = e % g.out_width;
    const int64_t oh = (e / g.out_width) % g.out_height;
    const int64_t plane = e / (g.out_width * g.out_height);
    const T* src = image + plane * g.height * g.width;
    int64_t best_index = -1;
    T best{};
    for (int64_t i = 0; i < g.kernel_h; ++i) {
      const int64_t h = oh * g.stride_h - g.pad_h + i * g.dilation_h;
      if (h < 0 || h >= g.height) continue;
      for (int64_t j = 0; j < g.kernel_w; ++j) {
        const int64_t w = ow * g.stride_w - g.pad_w + j * g.dilation_w;
        if (w < 0 || w >= g.width) continue;
        const T v = src[h * g.width + w];
        if (best_index < 0 || v > best || is_nan(v)) {
          best = v;
          best_index = h * g.width + w;
        }
      }
    }
    values[e] = best;
    indices[e] = best_index;
  }
}

}  // namespace

void im2col_kernel(const Tensor& cols, const Tensor& image, const WindowGeometry& g) {
  const int64_t n = cols.numel();
  if (n == 0) return;
  const int8_t device = image.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kNumeric>(image.dtype(), "im2col", kCUDA, [&]<class T>() {
    im2col_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(cols.data_ptr()), static_cast<const T*>(image.data_ptr()), n, g);
    EMBER_CUDA_LAUNCH_CHECK("im2col_elements");
  });
}

void col2im_kernel(const Tensor& image, const Tensor& cols, const WindowGeometry& g) {
  const int64_t n = image.numel();
  if (n == 0) return;
  const int8_t device = image.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kNumeric>(image.dtype(), "col2im", kCUDA, [&]<class T>() {
    col2im_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(image.data_ptr()), static_cast<const T*>(cols.data_ptr()), n, g);
    EMBER_CUDA_LAUNCH_CHECK("col2im_elements");
  });
}

void max_pool2d_kernel(const Tensor& values, const Tensor& indices, const Tensor& image,
                       const WindowGeometry& g) {
  const int64_t n = values.numel();
  if (n == 0) return;
  const int8_t device = image.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kNumeric>(image.dtype(), "max_pool2d", kCUDA, [&]<class T>() {
    max_pool_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(values.data_ptr()), static_cast<int64_t*>(indices.data_ptr()),
        static_cast<const T*>(image.data_ptr()), n, g);
    EMBER_CUDA_LAUNCH_CHECK("max_pool_elements");
  });
}

}  // namespace ember::cuda
