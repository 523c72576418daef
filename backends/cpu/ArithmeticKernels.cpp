#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/Arithmetic.h"
#include "kernels/OpMath.h"

namespace ember::cpu {

using namespace detail;

void add_kernel(TensorIterator& iter, const Scalar& alpha, const Scalar& /*unused*/) {
  dispatch_dtype<types::kAll>(iter.dtype(), "add", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    if (alpha.equal(1) && !alpha.isBoolean()) {
      cpu_kernel(iter, [](T a, T b) -> T { return T(kernels::Add{}(M(a), M(b))); });
    } else {
      const M a_alpha = alpha.to<M>();
      cpu_kernel(iter,
                 [a_alpha](T a, T b) -> T { return T(kernels::AddAlpha{}(M(a), M(b), a_alpha)); });
    }
  });
}

void mul_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kAll>(iter.dtype(), "mul", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> T { return T(kernels::Mul{}(M(a), M(b))); });
  });
}

void div_kernel(TensorIterator& iter) {
  dispatch_dtype<types::kFloating>(iter.dtype(), "div", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T a, T b) -> T { return T(kernels::Div{}(M(a), M(b))); });
  });
}

}  // namespace ember::cpu
