// im2col, col2im and max pooling on the CPU: one sliding-window geometry (WindowGeometry),
// threaded over the [channel] planes of the batch, each plane touched by one thread only.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "kernels/OpMath.h"

namespace ember::cpu {

using detail::WindowGeometry;

namespace {

// The window positions o in [0, count) whose tap at offset `tap` (= k * dilation - pad) lands
// inside [0, size): [first, last).
struct ValidRange {
  int64_t first, last;
};
ValidRange valid_positions(int64_t tap, int64_t stride, int64_t size, int64_t count) {
  // o * stride + tap >= 0  and  o * stride + tap < size
  int64_t first = tap >= 0 ? 0 : (-tap + stride - 1) / stride;
  int64_t last = size - tap <= 0 ? 0 : (size - tap + stride - 1) / stride;
  first = std::min(first, count);
  last = std::clamp(last, first, count);
  return {first, last};
}

// Grain in planes: a few thousand elements of work per task.
int64_t plane_grain(int64_t work_per_plane) {
  return std::max<int64_t>(1, kGrainSize / std::max<int64_t>(work_per_plane, 1));
}

template <class T>
void im2col_plane(T* cols, const T* image, const WindowGeometry& g) {
  const int64_t out_area = g.out_height * g.out_width;
  for (int64_t i = 0; i < g.kernel_h; ++i) {
    const int64_t tap_h = i * g.dilation_h - g.pad_h;
    const ValidRange rows = valid_positions(tap_h, g.stride_h, g.height, g.out_height);
    for (int64_t j = 0; j < g.kernel_w; ++j, cols += out_area) {
      const int64_t tap_w = j * g.dilation_w - g.pad_w;
      const ValidRange cs = valid_positions(tap_w, g.stride_w, g.width, g.out_width);
      std::fill(cols, cols + rows.first * g.out_width, T(0));
      for (int64_t oh = rows.first; oh < rows.last; ++oh) {
        T* dst = cols + oh * g.out_width;
        const T* src = image + (oh * g.stride_h + tap_h) * g.width + tap_w;
        std::fill(dst, dst + cs.first, T(0));
        if (g.stride_w == 1) {
          std::copy(src + cs.first, src + cs.last, dst + cs.first);
        } else {
          for (int64_t ow = cs.first; ow < cs.last; ++ow) dst[ow] = src[ow * g.stride_w];
        }
        std::fill(dst + cs.last, dst + g.out_width, T(0));
      }
      std::fill(cols + rows.last * g.out_width, cols + out_area, T(0));
    }
  }
}

template <class T>
void col2im_plane(T* image, const T* cols, const WindowGeometry& g) {
  const int64_t out_area = g.out_height * g.out_width;
  std::fill(image, image + g.height * g.width, T(0));
  for (int64_t i = 0; i < g.kernel_h; ++i) {
    const int64_t tap_h = i * g.dilation_h - g.pad_h;
    const ValidRange rows = valid_positions(tap_h, g.stride_h, g.height, g.out_height);
    for (int64_t j = 0; j < g.kernel_w; ++j, cols += out_area) {
      const int64_t tap_w = j * g.dilation_w - g.pad_w;
      const ValidRange cs = valid_positions(tap_w, g.stride_w, g.width, g.out_width);
      for (int64_t oh = rows.first; oh < rows.last; ++oh) {
        const T* src = cols + oh * g.out_width;
        T* dst = image + (oh * g.stride_h + tap_h) * g.width + tap_w;
        for (int64_t ow = cs.first; ow < cs.last; ++ow) {
          dst[ow * g.stride_w] = static_cast<T>(dst[ow * g.stride_w] + src[ow]);
        }
      }
    }
  }
}

// The taps k in [0, kernel) with 0 <= start + k * dilation < size: [first, last).
ValidRange valid_taps(int64_t start, int64_t dilation, int64_t kernel, int64_t size) {
  const int64_t first = start >= 0 ? 0 : (-start + dilation - 1) / dilation;
  const int64_t last = size - start <= 0 ? 0 : (size - start + dilation - 1) / dilation;
  return {std::min(first, kernel), std::clamp(last, std::min(first, kernel), kernel)};
}

// PyTorch's rule: a larger value or a NaN replaces the maximum (so a NaN, once found, stays
// unless another NaN comes); v != v is the NaN test that costs nothing for integers.
template <class T>
bool replaces(T v, T best) {
  return v > best || v != v;
}

// Each output column's valid taps along the width: the same for every row and plane.
std::vector<ValidRange> column_taps(const WindowGeometry& g) {
  std::vector<ValidRange> taps(static_cast<size_t>(g.out_width));
  for (int64_t ow = 0; ow < g.out_width; ++ow) {
    taps[static_cast<size_t>(ow)] =
        valid_taps(ow * g.stride_w - g.pad_w, g.dilation_w, g.kernel_w, g.width);
  }
  return taps;
}

template <class T>
void max_pool_plane(T* values, int64_t* indices, const T* image, const WindowGeometry& g,
                    const std::vector<ValidRange>& column_ranges) {
  for (int64_t oh = 0; oh < g.out_height; ++oh) {
    const int64_t h0 = oh * g.stride_h - g.pad_h;
    const ValidRange rows = valid_taps(h0, g.dilation_h, g.kernel_h, g.height);
    for (int64_t ow = 0; ow < g.out_width; ++ow) {
      const int64_t w0 = ow * g.stride_w - g.pad_w;
      const ValidRange cols = column_ranges[static_cast<size_t>(ow)];
      // The first tap inside the plane starts the search (the pooling checks guarantee one).
      int64_t best_index =
          (h0 + rows.first * g.dilation_h) * g.width + w0 + cols.first * g.dilation_w;
      T best = image[best_index];
      for (int64_t i = rows.first; i < rows.last; ++i) {
        const int64_t row = (h0 + i * g.dilation_h) * g.width;
        for (int64_t j = cols.first; j < cols.last; ++j) {
          const int64_t index = row + w0 + j * g.dilation_w;
          const T v = image[index];
          if (replaces(v, best)) {
            best = v;
            best_index = index;
          }
        }
      }
      values[oh * g.out_width + ow] = best;
      indices[oh * g.out_width + ow] = best_index;
    }
  }
}

// 2x2 windows at stride 2 without padding or dilation, the usual CNN downsampling: four taps,
// all inside the plane, taken in the generic order (row by row). Written as selects over a
// row of windows, with the winning tap in 32 bits beside the 32-bit floats, so that the
// compiler vectorises it: on real data which tap wins is unpredictable, and branches on it
// cost more than the comparisons.
template <class T>
void max_pool_2x2_plane(T* values, int64_t* indices, const T* image, const WindowGeometry& g,
                        int32_t* taps) {
  const int64_t w = g.width;
  for (int64_t oh = 0; oh < g.out_height; ++oh) {
    const T* r0 = image + 2 * oh * w;
    const T* r1 = r0 + w;
    T* out = values + oh * g.out_width;
    for (int64_t ow = 0; ow < g.out_width; ++ow) {
      const T a = r0[2 * ow], b = r0[2 * ow + 1], c = r1[2 * ow], d = r1[2 * ow + 1];
      T best = a;
      int32_t tap = 0;
      bool take = (b > best) | (b != b);
      best = take ? b : best;
      tap = take ? 1 : tap;
      take = (c > best) | (c != c);
      best = take ? c : best;
      tap = take ? 2 : tap;
      take = (d > best) | (d != d);
      best = take ? d : best;
      tap = take ? 3 : tap;
      out[ow] = best;
      taps[ow] = tap;
    }
    int64_t* idx = indices + oh * g.out_width;
    const int64_t row = 2 * oh * w;
    for (int64_t ow = 0; ow < g.out_width; ++ow) {
      idx[ow] = row + 2 * ow + (taps[ow] >> 1) * w + (taps[ow] & 1);
    }
  }
}

bool is_plain_2x2(const WindowGeometry& g) {
  return g.kernel_h == 2 && g.kernel_w == 2 && g.stride_h == 2 && g.stride_w == 2 && g.pad_h == 0 &&
         g.pad_w == 0 && g.dilation_h == 1 && g.dilation_w == 1 && 2 * g.out_height <= g.height &&
         2 * g.out_width <= g.width;
}

}  // namespace

void im2col_kernel(const Tensor& cols, const Tensor& image, const WindowGeometry& g) {
  detail::dispatch_dtype<detail::types::kNumeric>(image.dtype(), "im2col", kCPU, [&]<class T>() {
    const int64_t planes = image.numel() / std::max<int64_t>(g.height * g.width, 1);
    const int64_t col_plane = g.kernel_h * g.kernel_w * g.out_height * g.out_width;
    const T* in = image.data_ptr<T>();
    T* out = cols.data_ptr<T>();
    parallel_for(0, planes, plane_grain(col_plane), [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        im2col_plane(out + p * col_plane, in + p * g.height * g.width, g);
      }
    });
  });
}

void col2im_kernel(const Tensor& image, const Tensor& cols, const WindowGeometry& g) {
  detail::dispatch_dtype<detail::types::kNumeric>(image.dtype(), "col2im", kCPU, [&]<class T>() {
    const int64_t planes = image.numel() / std::max<int64_t>(g.height * g.width, 1);
    const int64_t col_plane = g.kernel_h * g.kernel_w * g.out_height * g.out_width;
    const T* in = cols.data_ptr<T>();
    T* out = image.data_ptr<T>();
    parallel_for(0, planes, plane_grain(col_plane), [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        col2im_plane(out + p * g.height * g.width, in + p * col_plane, g);
      }
    });
  });
}

void max_pool2d_kernel(const Tensor& values, const Tensor& indices, const Tensor& image,
                       const WindowGeometry& g) {
  detail::dispatch_dtype<detail::types::kNumeric>(
      image.dtype(), "max_pool2d", kCPU, [&]<class T>() {
        const int64_t planes = values.numel() / std::max<int64_t>(g.out_height * g.out_width, 1);
        const int64_t out_area = g.out_height * g.out_width;
        const int64_t work = out_area * g.kernel_h * g.kernel_w;
        const T* in = image.data_ptr<T>();
        T* out = values.data_ptr<T>();
        int64_t* idx = indices.data_ptr<int64_t>();
        const std::vector<ValidRange> column_ranges = column_taps(g);
        const bool plain_2x2 = is_plain_2x2(g);
        parallel_for(0, planes, plane_grain(work), [&](int64_t begin, int64_t end) {
          std::vector<int32_t> taps(plain_2x2 ? static_cast<size_t>(g.out_width) : 0);
          for (int64_t p = begin; p < end; ++p) {
            if (plain_2x2) {
              max_pool_2x2_plane(out + p * out_area, idx + p * out_area,
                                 in + p * g.height * g.width, g, taps.data());
            } else {
              max_pool_plane(out + p * out_area, idx + p * out_area, in + p * g.height * g.width, g,
                             column_ranges);
            }
          }
        });
      });
}

}  // namespace ember::cpu
