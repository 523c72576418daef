// CPU drivers of pow: tensor ** tensor, and tensor ** scalar with PyTorch's special cases for
// common exponents (each rounds as PyTorch's does).

#include <limits>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/Pow.h"
#include "kernels/UnaryOps.h"

namespace ember::cpu {

using namespace detail;

void pow_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kNumeric>(iter.dtype(), "pow", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> T { return T(kernels::Pow{}(M(a), M(b))); });
  });
}

namespace {
template <class T, class F>
void run_unary(TensorIterator& iter, const F& f) {
  using M = kernels::opmath_t<T>;
  cpu_kernel(iter, [f](T x) -> T { return T(f(M(x))); });
}
}  // namespace

// The front end has checked the exponent's range. Exponent 1 (what the backward of square asks
// for) is a copy, as PyTorch's pow makes it, rather than a pow call per element.
void pow_scalar_kernel(TensorIterator& iter, const Scalar& exponent, const Scalar& /*unused*/) {
  dispatch_dtype<types::kNumeric>(iter.dtype(), "pow", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    if constexpr (std::is_integral_v<T>) {
      const T e = exponent.to<T>();
      if (e == 2) return run_unary<T>(iter, kernels::PowSquare{});
      if (e == 3) return run_unary<T>(iter, kernels::PowCube{});
      cpu_kernel(iter, [e](T x) -> T { return kernels::integer_pow(x, e); });
    } else {
      const double e = exponent.toDouble();
      if (e == 1.0) return cpu_kernel(iter, [](T x) -> T { return x; });
      if (e == 2.0) return run_unary<T>(iter, kernels::PowSquare{});
      if (e == 3.0) return run_unary<T>(iter, kernels::PowCube{});
      if (e == 0.5) return run_unary<T>(iter, kernels::Sqrt{});
      if (e == -0.5) return run_unary<T>(iter, kernels::Rsqrt{});
      if (e == -1.0) return run_unary<T>(iter, kernels::Reciprocal{});
      if (e == -2.0) return run_unary<T>(iter, kernels::PowInverseSquare{});
      // Exponents beyond float's range act as infinities (a plain cast would be undefined).
      constexpr double kMax = static_cast<double>(std::numeric_limits<M>::max());
      const M me = e > kMax    ? std::numeric_limits<M>::infinity()
                   : e < -kMax ? -std::numeric_limits<M>::infinity()
                               : static_cast<M>(e);
      run_unary<T>(iter, kernels::PowScalar<M>{me});
    }
  });
}

}  // namespace ember::cpu
