// cumprod, logcumsumexp, cummax and cummin along a dim on the GPU over a contiguous
// [outer, size, inner] tensor: one thread scans one line in order (neighbouring threads read
// neighbouring memory when the dim is not innermost), with the CPU kernels' accumulation types
// and the shared step functions of kernels/ScanOps.h, so both backends agree.

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"
#include "kernels/ScanOps.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

constexpr int kThreads = 256;

enum class Scan { kProd, kLogSumExp };

template <class T>
using cumprod_acc_t =
    std::conditional_t<std::is_integral_v<T>, int64_t,
                       std::conditional_t<kernels::is_reduced_float_v<T>, float, double>>;

template <Scan S, class T>
__global__ void scan_lines_kernel(const T* x, T* y, int64_t lines, int64_t size, int64_t inner) {
  using Acc = std::conditional_t<S == Scan::kProd, cumprod_acc_t<T>, kernels::opmath_t<T>>;
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t line = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; line < lines;
       line += stride) {
    const int64_t base = (line / inner) * size * inner + line % inner;
    Acc acc;
    if constexpr (S == Scan::kProd) {
      acc = Acc(1);
    } else {
      acc = -std::numeric_limits<Acc>::infinity();
    }
    for (int64_t i = 0; i < size; ++i) {
      const Acc v = kernels::convert<Acc>(x[base + i * inner]);
      if constexpr (S == Scan::kProd) {
        if constexpr (std::is_integral_v<Acc>) {
          acc = static_cast<Acc>(static_cast<uint64_t>(acc) * static_cast<uint64_t>(v));
        } else {
          acc *= v;
        }
      } else {
        acc = kernels::log_add_exp(v, acc);
      }
      y[base + i * inner] = kernels::convert<T>(acc);
    }
  }
}

template <bool Greater, class T>
__global__ void cum_extremum_kernel(const T* x, T* values, int64_t* indices, int64_t lines,
                                    int64_t size, int64_t inner) {
  using C = std::conditional_t<kernels::is_reduced_float_v<T>, float, T>;
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t line = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; line < lines;
       line += stride) {
    const int64_t base = (line / inner) * size * inner + line % inner;
    C best = kernels::convert<C>(x[base]);
    int64_t best_index = 0;
    for (int64_t i = 0; i < size; ++i) {
      const int64_t at = base + i * inner;
      const C v = kernels::convert<C>(x[at]);
      if (kernels::cum_extremum_replaces<Greater>(v, best)) {
        best = v;
        best_index = i;
      }
      values[at] = kernels::convert<T>(best);
      indices[at] = best_index;
    }
  }
}

unsigned blocks_for(int64_t lines) {
  return static_cast<unsigned>(std::min<int64_t>((lines + kThreads - 1) / kThreads, 65535 * 16));
}

template <Scan S, uint32_t Types>
void scan(const char* name, const Tensor& out, const Tensor& in, int64_t dim) {
  const auto [outer, size, inner] = detail::split_at_dim(in.sizes(), dim);
  if (outer * size * inner == 0) return;
  const int64_t lines = outer * inner;
  impl::RawDeviceGuard guard(in.device().index());
  const cudaStream_t stream = impl::current_raw_stream(in.device().index());
  detail::dispatch_dtype<Types>(in.dtype(), name, kCUDA, [&]<class T>() {
    scan_lines_kernel<S, T><<<blocks_for(lines), kThreads, 0, stream>>>(
        static_cast<const T*>(in.data_ptr()), static_cast<T*>(out.data_ptr()), lines, size, inner);
    EMBER_CUDA_LAUNCH_CHECK("scan_lines_kernel");
  });
}

template <bool Greater>
void cum_extremum(const char* name, const Tensor& values, const Tensor& indices, const Tensor& in,
                  int64_t dim) {
  const auto [outer, size, inner] = detail::split_at_dim(in.sizes(), dim);
  if (outer * size * inner == 0) return;
  const int64_t lines = outer * inner;
  impl::RawDeviceGuard guard(in.device().index());
  const cudaStream_t stream = impl::current_raw_stream(in.device().index());
  detail::dispatch_dtype<types::kAll>(in.dtype(), name, kCUDA, [&]<class T>() {
    cum_extremum_kernel<Greater, T><<<blocks_for(lines), kThreads, 0, stream>>>(
        static_cast<const T*>(in.data_ptr()), static_cast<T*>(values.data_ptr()),
        indices.data_ptr<int64_t>(), lines, size, inner);
    EMBER_CUDA_LAUNCH_CHECK("cum_extremum_kernel");
  });
}

}  // namespace

void cumprod_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  scan<Scan::kProd, types::kNumeric>("cumprod", out, in, dim);
}

void logcumsumexp_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  scan<Scan::kLogSumExp, types::kFloating>("logcumsumexp", out, in, dim);
}

void cummax_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim) {
  cum_extremum<true>("cummax", values, indices, in, dim);
}

void cummin_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim) {
  cum_extremum<false>("cummin", values, indices, in, dim);
}

}  // namespace ember::cuda
