// pow on the GPU: tensor ** tensor, and tensor ** scalar with the same special cases for
// common exponents as the CPU driver (backends/cpu/PowKernels.cpp), so both round alike.

#include <limits>
#include <type_traits>

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/Pow.h"
#include "kernels/UnaryOps.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

namespace {
template <class T>
struct IntegerPowFn {
  T e;
  EMBER_HOST_DEVICE T operator()(T x) const { return kernels::integer_pow(x, e); }
};
}  // namespace

void pow_kernel(TensorIterator& iter) { gpu_binary<types::kNumeric>(iter, "pow", kernels::Pow{}); }

// The front end has handled exponents 0 and 1 and checked the exponent's range.
void pow_scalar_kernel(TensorIterator& iter, const Scalar& exponent, const Scalar& /*unused*/) {
  detail::dispatch_dtype<types::kNumeric>(iter.dtype(), "pow", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    if constexpr (std::is_integral_v<T>) {
      const T e = exponent.to<T>();
      if (e == 2) return gpu_kernel(iter, unary_fn<T>(kernels::PowSquare{}));
      if (e == 3) return gpu_kernel(iter, unary_fn<T>(kernels::PowCube{}));
      gpu_kernel(iter, unary_fn<T>(IntegerPowFn<T>{e}));
    } else {
      const double e = exponent.toDouble();
      if (e == 2.0) return gpu_kernel(iter, unary_fn<T>(kernels::PowSquare{}));
      if (e == 3.0) return gpu_kernel(iter, unary_fn<T>(kernels::PowCube{}));
      if (e == 0.5) return gpu_kernel(iter, unary_fn<T>(kernels::Sqrt{}));
      if (e == -0.5) return gpu_kernel(iter, unary_fn<T>(kernels::Rsqrt{}));
      if (e == -1.0) return gpu_kernel(iter, unary_fn<T>(kernels::Reciprocal{}));
      if (e == -2.0) return gpu_kernel(iter, unary_fn<T>(kernels::PowInverseSquare{}));
      // Exponents beyond float's range act as infinities (a plain cast would be undefined).
      constexpr double kMax = static_cast<double>(std::numeric_limits<M>::max());
      const M me = e > kMax    ? std::numeric_limits<M>::infinity()
                   : e < -kMax ? -std::numeric_limits<M>::infinity()
                               : static_cast<M>(e);
      gpu_kernel(iter, unary_fn<T>(kernels::PowScalar<M>{me}));
    }
  });
}

}  // namespace ember::cuda
