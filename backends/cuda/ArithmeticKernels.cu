// add (and sub through alpha), mul, div on the GPU, with the CPU's functors.

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/Arithmetic.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

namespace {
template <class M>
struct AddAlphaFn {
  M alpha;
  EMBER_HOST_DEVICE M operator()(M a, M b) const { return kernels::AddAlpha{}(a, b, alpha); }
};
}  // namespace

void add_kernel(TensorIterator& iter, const Scalar& alpha, const Scalar& /*unused*/) {
  detail::dispatch_dtype<types::kAll>(iter.dtype(), "add", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    if (alpha.equal(1) && !alpha.isBoolean()) {
      gpu_kernel(iter, binary_fn<T>(kernels::Add{}));
    } else {
      gpu_kernel(iter, binary_fn<T>(AddAlphaFn<M>{alpha.to<M>()}));
    }
  });
}

void mul_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "mul", kernels::Mul{}); }

void div_kernel(TensorIterator& iter) { gpu_binary<types::kFloating>(iter, "div", kernels::Div{}); }

}  // namespace ember::cuda
