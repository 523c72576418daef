// The math family's one-input ops on the GPU, with the CPU's functors (kernels/MathOps.h)
// and dtype sets (backends/cpu/MathKernels.cpp); half and bfloat16 compute in float.

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/MathOps.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

#define EMBER_CUDA_FLOATING_UNARY(name, Functor)                  \
  void name##_kernel(TensorIterator& iter) {                      \
    gpu_unary<types::kFloating>(iter, #name, kernels::Functor{}); \
  }
EMBER_CUDA_FLOATING_UNARY(erf, Erf)
EMBER_CUDA_FLOATING_UNARY(erfc, Erfc)
EMBER_CUDA_FLOATING_UNARY(erfinv, Erfinv)
EMBER_CUDA_FLOATING_UNARY(asin, Asin)
EMBER_CUDA_FLOATING_UNARY(acos, Acos)
EMBER_CUDA_FLOATING_UNARY(atan, Atan)
EMBER_CUDA_FLOATING_UNARY(sinh, Sinh)
EMBER_CUDA_FLOATING_UNARY(cosh, Cosh)
EMBER_CUDA_FLOATING_UNARY(asinh, Asinh)
EMBER_CUDA_FLOATING_UNARY(acosh, Acosh)
EMBER_CUDA_FLOATING_UNARY(atanh, Atanh)
EMBER_CUDA_FLOATING_UNARY(tan, Tan)
EMBER_CUDA_FLOATING_UNARY(expm1, Expm1)
EMBER_CUDA_FLOATING_UNARY(log2, Log2)
EMBER_CUDA_FLOATING_UNARY(log10, Log10)
EMBER_CUDA_FLOATING_UNARY(exp2, Exp2)
EMBER_CUDA_FLOATING_UNARY(trunc, Trunc)
EMBER_CUDA_FLOATING_UNARY(frac, Frac)
EMBER_CUDA_FLOATING_UNARY(silu, Silu)
EMBER_CUDA_FLOATING_UNARY(mish, Mish)
EMBER_CUDA_FLOATING_UNARY(log_sigmoid, LogSigmoid)
#undef EMBER_CUDA_FLOATING_UNARY

void nan_to_num_kernel(TensorIterator& iter, const Scalar& nan, const Scalar& posinf,
                       const Scalar& neginf) {
  detail::dispatch_dtype<types::kFloating>(iter.dtype(), "nan_to_num", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    // The replacements are rounded to T first, as on the CPU.
    gpu_kernel(iter, unary_fn<T>(kernels::NanToNum<M>{M(nan.to<T>()), M(posinf.to<T>()),
                                                      M(neginf.to<T>())}));
  });
}

void softplus_kernel(TensorIterator& iter, const Scalar& beta, const Scalar& threshold) {
  detail::dispatch_dtype<types::kFloating>(iter.dtype(), "softplus", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    gpu_kernel(iter, unary_fn<T>(kernels::Softplus<M>{beta.to<M>(), threshold.to<M>()}));
  });
}

void elu_kernel(TensorIterator& iter, const Scalar& alpha, const Scalar& scale,
                const Scalar& input_scale) {
  detail::dispatch_dtype<types::kFloating>(iter.dtype(), "elu", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    gpu_kernel(iter, unary_fn<T>(kernels::Elu<M>{alpha.to<M>() * scale.to<M>(), scale.to<M>(),
                                                 input_scale.to<M>()}));
  });
}

}  // namespace ember::cuda
