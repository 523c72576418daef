#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/Convert.h"
#include "kernels/Linspace.h"
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

// PyTorch's CPU linspace (kernels/Linspace.h), shared with the CUDA backend.
void linspace_kernel(const Tensor& out, const Scalar& start, const Scalar& end) {
  const int64_t steps = out.numel();
  dispatch_dtype<types::kNumeric>(out.dtype(), "linspace", kCPU, [&]<class T>() {
    T* data = out.data_ptr<T>();
    const auto values = kernels::Linspace<T>::make(start.to<T>(), end.to<T>(), steps);
    for (int64_t i = 0; i < steps; ++i) data[i] = values(i);
  });
}

}  // namespace ember::cpu
