// Average and adaptive average pooling on the GPU: one thread per output element forward,
// one per input element backward (it gathers the output cells whose windows cover it, so no
// atomics and a deterministic sum). Windows and divisors: kernels/AveragePooling.h.

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/GridStride.cuh"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "kernels/AveragePooling.h"
#include "kernels/OpMath.h"

namespace ember::cuda {

using detail::WindowGeometry;
namespace types = detail::types;

namespace {

template <class T>
__global__ void avg_pool_elements(T* out, const T* in, int64_t n, WindowGeometry g,
                                  bool count_include_pad, int64_t divisor_override) {
  using M = kernels::opmath_t<T>;
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t ow = e % g.out_width;
    const int64_t oh = (e / g.out_width) % g.out_height;
    const T* plane = in + (e / (g.out_width * g.out_height)) * g.height * g.width;
    const kernels::AvgPoolCell cell =
        kernels::avg_pool_cell(oh, ow, g, count_include_pad, divisor_override);
    M sum = 0;
    for (int64_t h = cell.h0; h < cell.h1; ++h) {
      for (int64_t w = cell.w0; w < cell.w1; ++w) sum += static_cast<M>(plane[h * g.width + w]);
    }
    out[e] = static_cast<T>(sum / static_cast<M>(cell.divisor));
  }
}

// The window positions o (in [0, count)) whose window [o * stride - pad, + kernel) holds x.
__device__ inline void covering(int64_t x, int64_t stride, int64_t pad, int64_t kernel,
                                int64_t count, int64_t& first, int64_t& last) {
  const int64_t lo = x + pad - kernel + 1;  // o * stride >= lo
  first = lo <= 0 ? 0 : (lo + stride - 1) / stride;
  last = min((x + pad) / stride + 1, count);  // o * stride <= x + pad
}

template <class T>
__global__ void avg_pool_backward_elements(T* grad_in, const T* grad_out, int64_t n,
                                           WindowGeometry g, bool count_include_pad,
                                           int64_t divisor_override) {
  using M = kernels::opmath_t<T>;
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t w = e % g.width;
    const int64_t h = (e / g.width) % g.height;
    const T* plane = grad_out + (e / (g.width * g.height)) * g.out_height * g.out_width;
    int64_t oh0, oh1, ow0, ow1;
    covering(h, g.stride_h, g.pad_h, g.kernel_h, g.out_height, oh0, oh1);
    covering(w, g.stride_w, g.pad_w, g.kernel_w, g.out_width, ow0, ow1);
    M sum = 0;
    for (int64_t oh = oh0; oh < oh1; ++oh) {
      for (int64_t ow = ow0; ow < ow1; ++ow) {
        const kernels::AvgPoolCell cell =
            kernels::avg_pool_cell(oh, ow, g, count_include_pad, divisor_override);
        sum += static_cast<M>(plane[oh * g.out_width + ow]) / static_cast<M>(cell.divisor);
      }
    }
    grad_in[e] = static_cast<T>(sum);
  }
}

struct AdaptiveShape {
  int64_t height, width, out_height, out_width;
};

template <class T>
__global__ void adaptive_elements(T* out, const T* in, int64_t n, AdaptiveShape s) {
  using M = kernels::opmath_t<T>;
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t ow = e % s.out_width;
    const int64_t oh = (e / s.out_width) % s.out_height;
    const T* plane = in + (e / (s.out_width * s.out_height)) * s.height * s.width;
    const int64_t h0 = kernels::adaptive_start(oh, s.out_height, s.height);
    const int64_t h1 = kernels::adaptive_end(oh, s.out_height, s.height);
    const int64_t w0 = kernels::adaptive_start(ow, s.out_width, s.width);
    const int64_t w1 = kernels::adaptive_end(ow, s.out_width, s.width);
    M sum = 0;
    for (int64_t h = h0; h < h1; ++h) {
      for (int64_t w = w0; w < w1; ++w) sum += static_cast<M>(plane[h * s.width + w]);
    }
    out[e] = static_cast<T>(sum / static_cast<M>((h1 - h0) * (w1 - w0)));
  }
}

// The output cells o of `out` whose adaptive window over `in` holds x: those with
// start(o) <= x < end(o), a contiguous run around x * out / in.
__device__ inline void adaptive_covering(int64_t x, int64_t out, int64_t in, int64_t& first,
                                         int64_t& last) {
  first = (x * out) / in;
  while (first > 0 && kernels::adaptive_end(first - 1, out, in) > x) --first;
  last = first;
  while (last < out && kernels::adaptive_start(last, out, in) <= x) ++last;
}

template <class T>
__global__ void adaptive_backward_elements(T* grad_in, const T* grad_out, int64_t n,
                                           AdaptiveShape s) {
  using M = kernels::opmath_t<T>;
  EMBER_GRID_STRIDE_LOOP(e, n) {
    const int64_t w = e % s.width;
    const int64_t h = (e / s.width) % s.height;
    const T* plane = grad_out + (e / (s.width * s.height)) * s.out_height * s.out_width;
    int64_t oh0, oh1, ow0, ow1;
    adaptive_covering(h, s.out_height, s.height, oh0, oh1);
    adaptive_covering(w, s.out_width, s.width, ow0, ow1);
    M sum = 0;
    for (int64_t oh = oh0; oh < oh1; ++oh) {
      const int64_t rows = kernels::adaptive_end(oh, s.out_height, s.height) -
                           kernels::adaptive_start(oh, s.out_height, s.height);
      for (int64_t ow = ow0; ow < ow1; ++ow) {
        const int64_t cols = kernels::adaptive_end(ow, s.out_width, s.width) -
                             kernels::adaptive_start(ow, s.out_width, s.width);
        sum += static_cast<M>(plane[oh * s.out_width + ow]) / static_cast<M>(rows * cols);
      }
    }
    grad_in[e] = static_cast<T>(sum);
  }
}

AdaptiveShape adaptive_shape(const Tensor& image, const Tensor& pooled) {
  return {image.size(2), image.size(3), pooled.size(2), pooled.size(3)};
}

// Launches body<T>(stream) for the floating dtype of `t` on its device.
template <class Body>
void launch(const Tensor& t, const char* op, const Body& body) {
  const int8_t device = t.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  detail::dispatch_dtype<types::kFloating>(t.dtype(), op, kCUDA,
                                           [&]<class T>() { body.template operator()<T>(stream); });
}

}  // namespace

void avg_pool2d_kernel(const Tensor& out, const Tensor& in, const WindowGeometry& g,
                       bool count_include_pad, int64_t divisor_override) {
  const int64_t n = out.numel();
  if (n == 0) return;
  launch(in, "avg_pool2d", [&]<class T>(cudaStream_t stream) {
    avg_pool_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(out.data_ptr()), static_cast<const T*>(in.data_ptr()), n, g,
        count_include_pad, divisor_override);
    EMBER_CUDA_LAUNCH_CHECK("avg_pool_elements");
  });
}

void avg_pool2d_backward_kernel(const Tensor& grad_in, const Tensor& grad_out,
                                const WindowGeometry& g, bool count_include_pad,
                                int64_t divisor_override) {
  const int64_t n = grad_in.numel();
  if (n == 0) return;
  launch(grad_out, "avg_pool2d_backward", [&]<class T>(cudaStream_t stream) {
    avg_pool_backward_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(grad_in.data_ptr()), static_cast<const T*>(grad_out.data_ptr()), n, g,
        count_include_pad, divisor_override);
    EMBER_CUDA_LAUNCH_CHECK("avg_pool_backward_elements");
  });
}

void adaptive_avg_pool2d_kernel(const Tensor& out, const Tensor& in) {
  const int64_t n = out.numel();
  if (n == 0) return;
  const AdaptiveShape s = adaptive_shape(in, out);
  launch(in, "adaptive_avg_pool2d", [&]<class T>(cudaStream_t stream) {
    adaptive_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(out.data_ptr()), static_cast<const T*>(in.data_ptr()), n, s);
    EMBER_CUDA_LAUNCH_CHECK("adaptive_elements");
  });
}

void adaptive_pool_grad_kernel(const Tensor& grad_in, const Tensor& grad_out) {
  const int64_t n = grad_in.numel();
  if (n == 0) return;
  const AdaptiveShape s = adaptive_shape(grad_in, grad_out);
  launch(grad_out, "adaptive_avg_pool2d_backward", [&]<class T>(cudaStream_t stream) {
    adaptive_backward_elements<T><<<grid_blocks(n), kGridThreads, 0, stream>>>(
        static_cast<T*>(grad_in.data_ptr()), static_cast<const T*>(grad_out.data_ptr()), n, s);
    EMBER_CUDA_LAUNCH_CHECK("adaptive_backward_elements");
  });
}

}  // namespace ember::cuda
