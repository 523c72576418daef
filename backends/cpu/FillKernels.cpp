#include <cmath>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::cpu {

using namespace detail;

void fill_kernel(const Tensor& out, const Scalar& value) {
  auto iter = TensorIteratorConfig().add_output(out).op_name("fill_").build();
  dispatch_dtype<types::kAll>(out.dtype(), "fill_", kCPU, [&]<class T>() {
    const T v = value.to<T>();
    cpu_kernel(iter, [v]() -> T { return v; });
  });
}

// Values are computed in double (int64 for integer dtypes) and then rounded once, as
// PyTorch's CPU arange does.
void range_kernel(const Tensor& out, const Scalar& start, const Scalar& step) {
  dispatch_dtype<types::kNumeric>(out.dtype(), "arange", kCPU, [&]<class T>() {
    T* data = out.data_ptr<T>();
    if constexpr (std::is_integral_v<T>) {
      const int64_t s = start.toLong(), d = step.toLong();
      parallel_for(0, out.numel(), kGrainSize, [&](int64_t b, int64_t e) {
        // Every value lies in [start, end), but d * i alone may not fit (start = INT64_MIN,
        // step = INT64_MAX): two's-complement arithmetic still gives the exact value.
        for (int64_t i = b; i < e; ++i) {
          data[i] = static_cast<T>(kernels::wrapping_add(s, kernels::wrapping_mul(d, i)));
        }
      });
    } else {
      const double s = start.toDouble(), d = step.toDouble();
      parallel_for(0, out.numel(), kGrainSize, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) data[i] = static_cast<T>(s + d * static_cast<double>(i));
      });
    }
  });
}

// PyTorch's CPU linspace: the first half steps up from `start`, the second half steps down
// from `end`, so both end points are exact and the values are symmetric. PyTorch's compiled
// kernel contracts `start + step * i` into a fused multiply-add, so we use fma explicitly to
// produce the same bits. (Its vectorised loop, used for 16 or more elements, derives lanes
// from a per-vector base and may differ from these values in the last bit.)
void linspace_kernel(const Tensor& out, const Scalar& start, const Scalar& end) {
  const int64_t steps = out.numel();
  dispatch_dtype<types::kNumeric>(out.dtype(), "linspace", kCPU, [&]<class T>() {
    T* data = out.data_ptr<T>();
    if (steps == 1) {  // PyTorch fills the single element with `start`
      data[0] = start.to<T>();
      return;
    }
    const int64_t halfway = steps / 2;
    if constexpr (std::is_integral_v<T>) {
      const T s = start.to<T>(), e = end.to<T>();
      const double step =
          steps > 1 ? (static_cast<double>(e) - static_cast<double>(s)) / (steps - 1) : 0.0;
      for (int64_t i = 0; i < steps; ++i) {
        const double v = i < halfway ? s + step * static_cast<double>(i)
                                     : e - step * static_cast<double>(steps - i - 1);
        data[i] = kernels::convert<T>(v);
      }
    } else {
      using Acc = kernels::opmath_t<T>;
      const Acc s = static_cast<Acc>(start.to<T>()), e = static_cast<Acc>(end.to<T>());
      const Acc step = steps > 1 ? static_cast<Acc>(T((e - s) / static_cast<Acc>(steps - 1))) : 0;
      for (int64_t i = 0; i < steps; ++i) {
        const Acc v = i < halfway ? std::fma(step, static_cast<Acc>(i), s)
                                  : std::fma(-step, static_cast<Acc>(steps - i - 1), e);
        data[i] = static_cast<T>(v);
      }
    }
  });
}

}  // namespace ember::cpu
