// Average and adaptive average pooling on the CPU, forward and backward, threaded over the
// [channel] planes of the batch (each plane written by one thread). The windows and divisors
// come from kernels/AveragePooling.h, shared with the CUDA kernels. The backward passes add
// each output cell's share into its window of the (zeroed) input plane.

#include <algorithm>
#include <cstdint>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "kernels/AveragePooling.h"
#include "kernels/OpMath.h"

namespace ember::cpu {

using detail::WindowGeometry;

namespace {

int64_t plane_grain(int64_t work_per_plane) {
  return std::max<int64_t>(1, kGrainSize / std::max<int64_t>(work_per_plane, 1));
}

template <class T>
void avg_pool_plane(T* out, const T* in, const WindowGeometry& g, bool count_include_pad,
                    int64_t divisor_override) {
  using M = kernels::opmath_t<T>;
  for (int64_t oh = 0; oh < g.out_height; ++oh) {
    for (int64_t ow = 0; ow < g.out_width; ++ow) {
      const kernels::AvgPoolCell cell =
          kernels::avg_pool_cell(oh, ow, g, count_include_pad, divisor_override);
      M sum = 0;
      for (int64_t h = cell.h0; h < cell.h1; ++h) {
        for (int64_t w = cell.w0; w < cell.w1; ++w) sum += static_cast<M>(in[h * g.width + w]);
      }
      out[oh * g.out_width + ow] = static_cast<T>(sum / static_cast<M>(cell.divisor));
    }
  }
}

template <class T>
void avg_pool_backward_plane(T* grad_in, const T* grad_out, const WindowGeometry& g,
                             bool count_include_pad, int64_t divisor_override) {
  using M = kernels::opmath_t<T>;
  std::fill(grad_in, grad_in + g.height * g.width, T(0));
  for (int64_t oh = 0; oh < g.out_height; ++oh) {
    for (int64_t ow = 0; ow < g.out_width; ++ow) {
      const kernels::AvgPoolCell cell =
          kernels::avg_pool_cell(oh, ow, g, count_include_pad, divisor_override);
      const M share =
          static_cast<M>(grad_out[oh * g.out_width + ow]) / static_cast<M>(cell.divisor);
      for (int64_t h = cell.h0; h < cell.h1; ++h) {
        T* row = grad_in + h * g.width;
        for (int64_t w = cell.w0; w < cell.w1; ++w) {
          row[w] = static_cast<T>(static_cast<M>(row[w]) + share);
        }
      }
    }
  }
}

// [N, C, H, W] / [N, C, oH, oW] as planes.
struct AdaptiveShape {
  int64_t planes, height, width, out_height, out_width;
};

template <class T>
void adaptive_plane(T* out, const T* in, const AdaptiveShape& s) {
  using M = kernels::opmath_t<T>;
  for (int64_t oh = 0; oh < s.out_height; ++oh) {
    const int64_t h0 = kernels::adaptive_start(oh, s.out_height, s.height);
    const int64_t h1 = kernels::adaptive_end(oh, s.out_height, s.height);
    for (int64_t ow = 0; ow < s.out_width; ++ow) {
      const int64_t w0 = kernels::adaptive_start(ow, s.out_width, s.width);
      const int64_t w1 = kernels::adaptive_end(ow, s.out_width, s.width);
      M sum = 0;
      for (int64_t h = h0; h < h1; ++h) {
        for (int64_t w = w0; w < w1; ++w) sum += static_cast<M>(in[h * s.width + w]);
      }
      out[oh * s.out_width + ow] = static_cast<T>(sum / static_cast<M>((h1 - h0) * (w1 - w0)));
    }
  }
}

template <class T>
void adaptive_backward_plane(T* grad_in, const T* grad_out, const AdaptiveShape& s) {
  using M = kernels::opmath_t<T>;
  std::fill(grad_in, grad_in + s.height * s.width, T(0));
  for (int64_t oh = 0; oh < s.out_height; ++oh) {
    const int64_t h0 = kernels::adaptive_start(oh, s.out_height, s.height);
    const int64_t h1 = kernels::adaptive_end(oh, s.out_height, s.height);
    for (int64_t ow = 0; ow < s.out_width; ++ow) {
      const int64_t w0 = kernels::adaptive_start(ow, s.out_width, s.width);
      const int64_t w1 = kernels::adaptive_end(ow, s.out_width, s.width);
      const M share =
          static_cast<M>(grad_out[oh * s.out_width + ow]) / static_cast<M>((h1 - h0) * (w1 - w0));
      for (int64_t h = h0; h < h1; ++h) {
        for (int64_t w = w0; w < w1; ++w) {
          grad_in[h * s.width + w] =
              static_cast<T>(static_cast<M>(grad_in[h * s.width + w]) + share);
        }
      }
    }
  }
}

AdaptiveShape adaptive_shape(const Tensor& image, const Tensor& pooled) {
  return {image.size(0) * image.size(1), image.size(2), image.size(3), pooled.size(2),
          pooled.size(3)};
}

}  // namespace

void avg_pool2d_kernel(const Tensor& out, const Tensor& in, const WindowGeometry& g,
                       bool count_include_pad, int64_t divisor_override) {
  detail::dispatch_dtype<detail::types::kFloating>(in.dtype(), "avg_pool2d", kCPU, [&]<class T>() {
    const int64_t out_area = g.out_height * g.out_width, in_area = g.height * g.width;
    const int64_t planes = out.numel() / std::max<int64_t>(out_area, 1);
    const T* src = in.data_ptr<T>();
    T* dst = out.data_ptr<T>();
    parallel_for(0, planes, plane_grain(out_area * g.kernel_h * g.kernel_w),
                 [&](int64_t begin, int64_t end) {
                   for (int64_t p = begin; p < end; ++p) {
                     avg_pool_plane(dst + p * out_area, src + p * in_area, g, count_include_pad,
                                    divisor_override);
                   }
                 });
  });
}

void avg_pool2d_backward_kernel(const Tensor& grad_in, const Tensor& grad_out,
                                const WindowGeometry& g, bool count_include_pad,
                                int64_t divisor_override) {
  detail::dispatch_dtype<detail::types::kFloating>(
      grad_out.dtype(), "avg_pool2d_backward", kCPU, [&]<class T>() {
        const int64_t out_area = g.out_height * g.out_width, in_area = g.height * g.width;
        const int64_t planes = grad_in.numel() / std::max<int64_t>(in_area, 1);
        const T* src = grad_out.data_ptr<T>();
        T* dst = grad_in.data_ptr<T>();
        parallel_for(0, planes, plane_grain(out_area * g.kernel_h * g.kernel_w),
                     [&](int64_t begin, int64_t end) {
                       for (int64_t p = begin; p < end; ++p) {
                         avg_pool_backward_plane(dst + p * in_area, src + p * out_area, g,
                                                 count_include_pad, divisor_override);
                       }
                     });
      });
}

void adaptive_avg_pool2d_kernel(const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<detail::types::kFloating>(
      in.dtype(), "adaptive_avg_pool2d", kCPU, [&]<class T>() {
        const AdaptiveShape s = adaptive_shape(in, out);
        const T* src = in.data_ptr<T>();
        T* dst = out.data_ptr<T>();
        parallel_for(0, s.planes, plane_grain(s.height * s.width), [&](int64_t begin, int64_t end) {
          for (int64_t p = begin; p < end; ++p) {
            adaptive_plane(dst + p * s.out_height * s.out_width, src + p * s.height * s.width, s);
          }
        });
      });
}

void adaptive_pool_grad_kernel(const Tensor& grad_in, const Tensor& grad_out) {
  detail::dispatch_dtype<detail::types::kFloating>(
      grad_out.dtype(), "adaptive_avg_pool2d_backward", kCPU, [&]<class T>() {
        const AdaptiveShape s = adaptive_shape(grad_in, grad_out);
        const T* src = grad_out.data_ptr<T>();
        T* dst = grad_in.data_ptr<T>();
        parallel_for(0, s.planes, plane_grain(s.height * s.width), [&](int64_t begin, int64_t end) {
          for (int64_t p = begin; p < end; ++p) {
            adaptive_backward_plane(dst + p * s.height * s.width,
                                    src + p * s.out_height * s.out_width, s);
          }
        });
      });
}

}  // namespace ember::cpu
