// CPU kernels of softmax and log_softmax along a dim, over contiguous [outer, size, inner]
// tensors. Each output line takes three passes (max, sum of exponentials, output) over data
// that stays in cache; the innermost dim is processed as rows, other dims in blocks of
// neighbouring lines so the loops vectorise across them. Half and bfloat16 compute in float.

#include <algorithm>
#include <type_traits>
#include <vector>

#include "backends/cpu/CpuFeatures.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "backends/cpu/Reduce.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "kernels/Convert.h"
#include "kernels/ReduceOps.h"
#include "kernels/SoftmaxOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

// Lines per block when the dim is not the innermost.
constexpr int64_t kBlock = 64;
// Rough cost of one element (an exponential and a few operations) for the threading grain.
constexpr int64_t kCostPerElement = 8;

template <class V, class T>
EMBER_ALWAYS_INLINE V row_max(const T* x, int64_t n) {
  const kernels::MaxOp<V> op;
  return reduce_detail::fold_contiguous(op.identity(), x, n, 0, op);
}

template <class V>
EMBER_ALWAYS_INLINE V row_sum(const V* x, int64_t n) {
  // Summed in V, as PyTorch does: the terms are in (0, 1].
  const kernels::SumOp<V> op;
  return reduce_detail::fold_contiguous(op.identity(), x, n, 0, op);
}

// Rows [begin, end) along the innermost dim. `buffer` holds `size` values of V (half and
// bfloat16 outputs cannot hold the exponentials).
template <class T, bool kLog>
EMBER_ALWAYS_INLINE void lastdim_rows(const T* x, T* y, int64_t begin, int64_t end, int64_t size,
                                      kernels::opmath_t<T>* buffer) {
  using V = kernels::opmath_t<T>;
  for (int64_t r = begin; r < end; ++r) {
    const T* xr = x + r * size;
    T* yr = y + r * size;
    V* e = nullptr;
    if constexpr (std::is_same_v<T, V>) {
      e = yr;
    } else {
      e = buffer;
    }
    const kernels::SoftmaxExp<V> exp_op{row_max<V>(xr, size)};
    for (int64_t i = 0; i < size; ++i) e[i] = exp_op(kernels::convert<V>(xr[i]));
    const V sum = row_sum(e, size);
    if constexpr (kLog) {
      const kernels::LogSoftmaxOut<V> out_op{exp_op.max, static_cast<V>(std::log(sum))};
      for (int64_t i = 0; i < size; ++i) {
        yr[i] = kernels::convert<T>(out_op(kernels::convert<V>(xr[i])));
      }
    } else {
      const V inv = V(1) / sum;
      for (int64_t i = 0; i < size; ++i) yr[i] = kernels::convert<T>(e[i] * inv);
    }
  }
}

// Units [begin, end) of blocks of kBlock neighbouring lines along a dim that is not the
// innermost (unit u: block u % blocks of outer position u / blocks).
template <class T, bool kLog>
EMBER_ALWAYS_INLINE void inner_blocks(const T* x, T* y, int64_t begin, int64_t end, int64_t size,
                                      int64_t inner) {
  using V = kernels::opmath_t<T>;
  constexpr bool kDirect = std::is_same_v<T, V>;
  const int64_t blocks = (inner + kBlock - 1) / kBlock;
  V max[kBlock], sum[kBlock];
  for (int64_t u = begin; u < end; ++u) {
    const int64_t o = u / blocks, first = (u % blocks) * kBlock;
    const int64_t width = std::min(kBlock, inner - first);
    const T* xb = x + o * size * inner + first;
    T* yb = y + o * size * inner + first;
    const kernels::MaxOp<V> max_op;
    for (int64_t j = 0; j < width; ++j) max[j] = max_op.identity();
    for (int64_t i = 0; i < size; ++i) {
      for (int64_t j = 0; j < width; ++j) {
        max[j] = max_op.reduce(max[j], kernels::convert<V>(xb[i * inner + j]), 0);
      }
    }
    for (int64_t j = 0; j < width; ++j) sum[j] = 0;
    for (int64_t i = 0; i < size; ++i) {
      for (int64_t j = 0; j < width; ++j) {
        const V e = kernels::SoftmaxExp<V>{max[j]}(kernels::convert<V>(xb[i * inner + j]));
        if constexpr (kDirect && !kLog) yb[i * inner + j] = e;
        sum[j] += e;
      }
    }
    if constexpr (kLog) {
      for (int64_t j = 0; j < width; ++j) sum[j] = static_cast<V>(std::log(sum[j]));
      for (int64_t i = 0; i < size; ++i) {
        for (int64_t j = 0; j < width; ++j) {
          const kernels::LogSoftmaxOut<V> out_op{max[j], sum[j]};
          yb[i * inner + j] = kernels::convert<T>(out_op(kernels::convert<V>(xb[i * inner + j])));
        }
      }
    } else {
      for (int64_t j = 0; j < width; ++j) sum[j] = V(1) / sum[j];
      for (int64_t i = 0; i < size; ++i) {
        for (int64_t j = 0; j < width; ++j) {
          V e;
          if constexpr (kDirect) {
            e = yb[i * inner + j];
          } else {  // half/bfloat16 outputs cannot hold the exponentials: recompute them
            e = kernels::SoftmaxExp<V>{max[j]}(kernels::convert<V>(xb[i * inner + j]));
          }
          yb[i * inner + j] = kernels::convert<T>(e * sum[j]);
        }
      }
    }
  }
}

// The loops above for the baseline instruction set and for AVX2 + FMA, where the exponential
// runs about three times faster.
template <class T, bool kLog>
void lastdim_rows_baseline(const T* x, T* y, int64_t begin, int64_t end, int64_t size,
                           kernels::opmath_t<T>* buffer) {
  lastdim_rows<T, kLog>(x, y, begin, end, size, buffer);
}
template <class T, bool kLog>
void inner_blocks_baseline(const T* x, T* y, int64_t begin, int64_t end, int64_t size,
                           int64_t inner) {
  inner_blocks<T, kLog>(x, y, begin, end, size, inner);
}
#if EMBER_HAVE_AVX2_TARGET
template <class T, bool kLog>
EMBER_TARGET_AVX2 void lastdim_rows_avx2(const T* x, T* y, int64_t begin, int64_t end, int64_t size,
                                         kernels::opmath_t<T>* buffer) {
  lastdim_rows<T, kLog>(x, y, begin, end, size, buffer);
}
template <class T, bool kLog>
EMBER_TARGET_AVX2 void inner_blocks_avx2(const T* x, T* y, int64_t begin, int64_t end, int64_t size,
                                         int64_t inner) {
  inner_blocks<T, kLog>(x, y, begin, end, size, inner);
}
#endif

template <class T, bool kLog>
void softmax_lastdim(const T* x, T* y, int64_t rows, int64_t size) {
  using V = kernels::opmath_t<T>;
  auto rows_fn = &lastdim_rows_baseline<T, kLog>;
#if EMBER_HAVE_AVX2_TARGET
  if (use_avx2()) rows_fn = &lastdim_rows_avx2<T, kLog>;
#endif
  const int64_t grain = std::max<int64_t>(1, kGrainSize / (size * kCostPerElement));
  parallel_for(0, rows, grain, [&](int64_t begin, int64_t end) {
    std::vector<V> buffer(std::is_same_v<T, V> ? 0 : static_cast<size_t>(size));
    rows_fn(x, y, begin, end, size, buffer.data());
  });
}

template <class T, bool kLog>
void softmax_inner(const T* x, T* y, int64_t outer, int64_t size, int64_t inner) {
  auto blocks_fn = &inner_blocks_baseline<T, kLog>;
#if EMBER_HAVE_AVX2_TARGET
  if (use_avx2()) blocks_fn = &inner_blocks_avx2<T, kLog>;
#endif
  const int64_t blocks = (inner + kBlock - 1) / kBlock;
  const int64_t grain =
      std::max<int64_t>(1, kGrainSize / (size * std::min(inner, kBlock) * kCostPerElement));
  parallel_for(0, outer * blocks, grain,
               [&](int64_t begin, int64_t end) { blocks_fn(x, y, begin, end, size, inner); });
}

template <bool kLog>
void softmax_kernel_impl(const char* name, const Tensor& out, const Tensor& in, int64_t dim) {
  // in and out are contiguous with the same shape and dtype.
  // Named parts, not a structured binding: lambdas below capture them (clang 14 cannot).
  const detail::DimSplit split = detail::split_at_dim(in.sizes(), dim);
  const int64_t outer = split.outer, size = split.size, inner = split.inner;
  if (split.numel() == 0) return;
  dispatch_dtype<types::kFloating>(in.dtype(), name, kCPU, [&]<class T>() {
    const T* x = static_cast<const T*>(in.data_ptr());
    T* y = static_cast<T*>(out.data_ptr());
    if (inner == 1) {
      softmax_lastdim<T, kLog>(x, y, outer, size);
    } else {
      softmax_inner<T, kLog>(x, y, outer, size, inner);
    }
  });
}

}  // namespace

void softmax_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  softmax_kernel_impl<false>("softmax", out, in, dim);
}

void log_softmax_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  softmax_kernel_impl<true>("log_softmax", out, in, dim);
}

}  // namespace ember::cpu
