// maximum, minimum, clamp and the activations leaky_relu and gelu on the GPU, with the CPU's
// functors and dtype sets (backends/cpu/ElementwiseMinMaxKernels.cpp).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/Activation.h"
#include "kernels/MinMax.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

void maximum_kernel(TensorIterator& iter) {
  gpu_binary<types::kAll>(iter, "maximum", kernels::Maximum{});
}
void minimum_kernel(TensorIterator& iter) {
  gpu_binary<types::kAll>(iter, "minimum", kernels::Minimum{});
}

// Bounds arrive already in range for the dtype; a missing one as the dtype's extreme.
void clamp_kernel(TensorIterator& iter, const Scalar& min, const Scalar& max) {
  detail::dispatch_dtype<types::kNumeric>(iter.dtype(), "clamp", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    gpu_kernel(iter, unary_fn<T>(kernels::Clamp<M>{min.to<M>(), max.to<M>()}));
  });
}

void leaky_relu_kernel(TensorIterator& iter, const Scalar& slope, const Scalar& /*unused*/) {
  detail::dispatch_dtype<types::kFloating>(iter.dtype(), "leaky_relu", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    gpu_kernel(iter, unary_fn<T>(kernels::LeakyRelu<M>{slope.to<M>()}));
  });
}

// `approximate` is 1 for "tanh", 0 for "none" (the front end validated the string).
void gelu_kernel(TensorIterator& iter, const Scalar& approximate, const Scalar& /*unused*/) {
  if (approximate.toLong() == 1) {
    gpu_unary<types::kFloating>(iter, "gelu", kernels::GeluTanh{});
  } else {
    gpu_unary<types::kFloating>(iter, "gelu", kernels::Gelu{});
  }
}

}  // namespace ember::cuda
