// The activations' fused backward kernels on the GPU, with the CPU's functors and dtype sets
// (threshold_backward takes any numeric dtype, the others floating ones)
// (backends/cpu/ActivationBackwardKernels.cpp).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/ActivationBackward.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

void tanh_backward_kernel(TensorIterator& iter) {
  gpu_binary<types::kFloating>(iter, "tanh_backward", kernels::TanhBackward{});
}

void sigmoid_backward_kernel(TensorIterator& iter) {
  gpu_binary<types::kFloating>(iter, "sigmoid_backward", kernels::SigmoidBackward{});
}

void threshold_backward_kernel(TensorIterator& iter, const Scalar& threshold,
                               const Scalar& /*unused*/) {
  detail::dispatch_dtype<types::kNumeric>(
      iter.dtype(), "threshold_backward", kCUDA, [&]<class T>() {
        using M = kernels::opmath_t<T>;
        gpu_kernel(iter, binary_fn<T>(kernels::ThresholdBackward<M>{threshold.to<M>()}));
      });
}

}  // namespace ember::cuda
