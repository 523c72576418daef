// CPU scans along a dim other than cumsum: cumprod, logcumsumexp, cummax and cummin. Inputs
// and outputs are contiguous [outer, size, inner]; each line along the dim is scanned in
// order, lines spread over the thread pool. Accumulation as PyTorch's CPU kernels: cumprod of
// floats in double (half/bfloat16 in float), of integers in int64; logcumsumexp in the
// dtype's compute type; cummax/cummin compare the values themselves (kernels/ScanOps.h).

#include <algorithm>
#include <type_traits>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"
#include "kernels/ScanOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

// Calls line(offset of the line's first element) for every line along `dim`, in parallel.
template <class Line>
void for_each_line(const Tensor& in, int64_t dim, Line&& line) {
  const DimSplit split = split_at_dim(in.sizes(), dim);
  const int64_t size = split.size, inner = split.inner;
  if (split.numel() == 0) return;
  const int64_t grain = std::max<int64_t>(1, kGrainSize / size);
  parallel_for(0, split.outer * inner, grain, [&](int64_t b, int64_t e) {
    for (int64_t l = b; l < e; ++l) line((l / inner) * size * inner + l % inner, size, inner);
  });
}

template <class T>
using cumprod_acc_t =
    std::conditional_t<std::is_integral_v<T>, int64_t,
                       std::conditional_t<kernels::is_reduced_float_v<T>, float, double>>;

template <bool Greater>
void cum_extremum(const char* name, const Tensor& values, const Tensor& indices, const Tensor& in,
                  int64_t dim) {
  dispatch_dtype<types::kAll>(in.dtype(), name, kCPU, [&]<class T>() {
    using C = std::conditional_t<kernels::is_reduced_float_v<T>, float, T>;
    const T* x = static_cast<const T*>(in.data_ptr());
    T* v = static_cast<T*>(values.data_ptr());
    int64_t* idx = static_cast<int64_t*>(indices.data_ptr());
    for_each_line(in, dim, [&](int64_t base, int64_t size, int64_t inner) {
      C best = kernels::convert<C>(x[base]);
      int64_t best_index = 0;
      for (int64_t i = 0; i < size; ++i) {
        const int64_t at = base + i * inner;
        const C xi = kernels::convert<C>(x[at]);
        if (kernels::cum_extremum_replaces<Greater>(xi, best)) {
          best = xi;
          best_index = i;
        }
        v[at] = kernels::convert<T>(best);
        idx[at] = best_index;
      }
    });
  });
}

}  // namespace

void cumprod_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  dispatch_dtype<types::kNumeric>(in.dtype(), "cumprod", kCPU, [&]<class T>() {
    using Acc = cumprod_acc_t<T>;
    const T* x = static_cast<const T*>(in.data_ptr());
    T* y = static_cast<T*>(out.data_ptr());
    for_each_line(in, dim, [&](int64_t base, int64_t size, int64_t inner) {
      Acc acc = 1;
      for (int64_t i = 0; i < size; ++i) {
        const int64_t at = base + i * inner;
        if constexpr (std::is_integral_v<Acc>) {
          // Wraps as PyTorch's int64 product does (unsigned arithmetic has no overflow UB).
          acc = static_cast<Acc>(static_cast<uint64_t>(acc) *
                                 static_cast<uint64_t>(kernels::convert<Acc>(x[at])));
        } else {
          acc *= kernels::convert<Acc>(x[at]);
        }
        y[at] = kernels::convert<T>(acc);
      }
    });
  });
}

void logcumsumexp_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  dispatch_dtype<types::kFloating>(in.dtype(), "logcumsumexp", kCPU, [&]<class T>() {
    using Acc = kernels::opmath_t<T>;
    const T* x = static_cast<const T*>(in.data_ptr());
    T* y = static_cast<T*>(out.data_ptr());
    for_each_line(in, dim, [&](int64_t base, int64_t size, int64_t inner) {
      Acc acc = -std::numeric_limits<Acc>::infinity();
      for (int64_t i = 0; i < size; ++i) {
        const int64_t at = base + i * inner;
        acc = kernels::log_add_exp(kernels::convert<Acc>(x[at]), acc);
        y[at] = kernels::convert<T>(acc);
      }
    });
  });
}

void cummax_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim) {
  cum_extremum<true>("cummax", values, indices, in, dim);
}

void cummin_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim) {
  cum_extremum<false>("cummin", values, indices, in, dim);
}

}  // namespace ember::cpu
