// CPU drivers of the activations' fused backward kernels (kernels/ActivationBackward.h): the
// gradient and the saved tensor share the iterator's dtype (the front end promoted them).
// threshold_backward takes any numeric dtype, as PyTorch's; the others floating ones.

#include "backends/cpu/Avx2Kernels.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Loops.h"
#include "core/DtypeDispatch.h"
#include "kernels/ActivationBackward.h"

namespace ember::cpu {

using namespace detail;

namespace {

template <class F>
void backward_kernel(TensorIterator& iter, const char* name) {
  dispatch_dtype<types::kFloating>(iter.dtype(), name, kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    cpu_kernel(iter, [](T grad, T y) -> T { return T(F{}(M(grad), M(y))); });
  });
}

}  // namespace

void tanh_backward_kernel(TensorIterator& iter) {
  if (try_avx2_float_binary(iter, FloatBinaryOp::kTanhBackward)) return;
  backward_kernel<kernels::TanhBackward>(iter, "tanh_backward");
}

void sigmoid_backward_kernel(TensorIterator& iter) {
  backward_kernel<kernels::SigmoidBackward>(iter, "sigmoid_backward");
}

void threshold_backward_kernel(TensorIterator& iter, const Scalar& threshold,
                               const Scalar& /*unused*/) {
  dispatch_dtype<types::kNumeric>(iter.dtype(), "threshold_backward", kCPU, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    const kernels::ThresholdBackward<M> f{threshold.to<M>()};
    cpu_kernel(iter, [f](T grad, T x) -> T { return T(f(M(grad), M(x))); });
  });
}

}  // namespace ember::cpu
