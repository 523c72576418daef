// CPU kernel of cumsum along a dim. Accumulates as PyTorch's CPU kernel does: floats in
// double, half/bfloat16 in float, integers in int64 (wrapping), rounding each output.

#include <algorithm>
#include <type_traits>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "kernels/Convert.h"
#include "kernels/ReduceOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

template <class T>
using cumsum_acc_t =
    std::conditional_t<std::is_integral_v<T>, int64_t,
                       std::conditional_t<kernels::is_reduced_float_v<T>, float, double>>;

// Outputs along the dim handled together when the dim is not the innermost (vectorised
// across them).
constexpr int64_t kBlock = 256;

}  // namespace

void cumsum_kernel(const Tensor& out, const Tensor& in, int64_t dim) {
  // in and out are contiguous with the same shape and dtype: [outer, size, inner].
  // Named parts, not a structured binding: lambdas below capture them (clang 14 cannot).
  const detail::DimSplit split = detail::split_at_dim(in.sizes(), dim);
  const int64_t outer = split.outer, size = split.size, inner = split.inner;
  if (split.numel() == 0) return;
  dispatch_dtype<types::kNumeric>(in.dtype(), "cumsum", kCPU, [&]<class T>() {
    using Acc = cumsum_acc_t<T>;
    const kernels::SumOp<Acc> op;
    const T* x = static_cast<const T*>(in.data_ptr());
    T* y = static_cast<T*>(out.data_ptr());
    if (inner == 1) {
      const int64_t grain = std::max<int64_t>(1, kGrainSize / size);
      parallel_for(0, outer, grain, [&](int64_t b, int64_t e) {
        for (int64_t o = b; o < e; ++o) {
          const T* xr = x + o * size;
          T* yr = y + o * size;
          Acc acc = op.identity();
          for (int64_t i = 0; i < size; ++i) {
            acc = op.reduce(acc, kernels::convert<Acc>(xr[i]), i);
            yr[i] = kernels::convert<T>(acc);
          }
        }
      });
      return;
    }
    const int64_t blocks = (inner + kBlock - 1) / kBlock;
    const int64_t grain = std::max<int64_t>(1, kGrainSize / (size * std::min(inner, kBlock)));
    parallel_for(0, outer * blocks, grain, [&](int64_t b, int64_t e) {
      Acc acc[kBlock];
      for (int64_t u = b; u < e; ++u) {
        const int64_t o = u / blocks, first = (u % blocks) * kBlock;
        const int64_t width = std::min(kBlock, inner - first);
        const T* xb = x + o * size * inner + first;
        T* yb = y + o * size * inner + first;
        for (int64_t j = 0; j < width; ++j) acc[j] = op.identity();
        for (int64_t i = 0; i < size; ++i) {
          for (int64_t j = 0; j < width; ++j) {
            acc[j] = op.reduce(acc[j], kernels::convert<Acc>(xb[i * inner + j]), i);
            yb[i * inner + j] = kernels::convert<T>(acc[j]);
          }
        }
      }
    });
  });
}

}  // namespace ember::cpu
