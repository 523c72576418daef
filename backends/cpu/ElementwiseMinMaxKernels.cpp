// CPU drivers of maximum, minimum and clamp (elementwise), and of the activations leaky_relu
// and gelu. The max/min reductions are in MinMaxKernels.cpp.

#include <string_view>

#include "backends/cpu/Avx2Kernels.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/Activation.h"
#include "kernels/MinMax.h"

namespace ember::cpu {

using namespace detail;

void maximum_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kAll>(iter.dtype(), "maximum", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> T { return T(kernels::Maximum{}(M(a), M(b))); });
  });
}

void minimum_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kAll>(iter.dtype(), "minimum", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> T { return T(kernels::Minimum{}(M(a), M(b))); });
  });
}

// Bounds arrive already in range for the dtype; a missing one as the dtype's extreme.
void clamp_kernel(TensorIterator& iter, const Scalar& min, const Scalar& max) {
  dispatch_dtype<types::kNumeric>(iter.dtype(), "clamp", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    const kernels::Clamp<M> f{min.to<M>(), max.to<M>()};
    cpu_kernel(iter, [f](T x) -> T { return T(f(M(x))); });
  });
}

void leaky_relu_kernel(TensorIterator& iter, const Scalar& slope, const Scalar& /*unused*/) {
  dispatch_dtype<types::kFloating>(iter.dtype(), "leaky_relu", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    const kernels::LeakyRelu<M> f{slope.to<M>()};
    cpu_kernel(iter, [f](T x) -> T { return T(f(M(x))); });
  });
}

// `approximate` is 1 for "tanh", 0 for "none" (the front end validated the string).
void gelu_kernel(TensorIterator& iter, const Scalar& approximate, const Scalar& /*unused*/) {
  const bool use_tanh = approximate.toLong() == 1;
  if (use_tanh && try_avx2_float_unary(iter, FloatUnaryOp::kGeluTanh)) return;
  dispatch_dtype<types::kFloating>(iter.dtype(), "gelu", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    if (use_tanh) {
      cpu_kernel(iter, [](T x) -> T { return T(kernels::GeluTanh{}(M(x))); });
    } else {
      cpu_kernel(iter, [](T x) -> T { return T(kernels::Gelu{}(M(x))); });
    }
  });
}

}  // namespace ember::cpu
