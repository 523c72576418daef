// var, std, norm and logsumexp on the GPU with the CPU's functors (backends/cpu/
// VarianceKernels.cpp, NormKernel.cpp, LogSumExpKernel.cpp). The CPU accumulates in double;
// here half, bfloat16 and float accumulate in float and double in double, as PyTorch's CUDA
// kernels (Welford's update and Chan's merge keep var accurate in float).

#include <cmath>
#include <type_traits>

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Reduce.cuh"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cuda {

using detail::ReductionPlan;
namespace types = detail::types;

namespace {

template <class T>
using acc_t = std::conditional_t<std::is_same_v<T, double>, double, float>;

void variance_kernel(const char* name, bool take_sqrt, const ReductionPlan& plan, const Tensor& out,
                     const Tensor& in, const Scalar& correction) {
  detail::dispatch_dtype<types::kFloating>(in.dtype(), name, kCUDA, [&]<class T>() {
    using Acc = acc_t<T>;
    gpu_reduce<T, T>(plan, out, in,
                     kernels::WelfordOp<Acc>{static_cast<Acc>(correction.toDouble()), take_sqrt});
  });
}

}  // namespace

void var_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in,
                const Scalar& correction) {
  variance_kernel("var", false, plan, out, in, correction);
}

void std_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in,
                const Scalar& correction) {
  variance_kernel("std", true, plan, out, in, correction);
}

void norm_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in,
                 const Scalar& p_scalar) {
  const double p = p_scalar.toDouble();
  detail::dispatch_dtype<types::kFloating>(in.dtype(), "norm", kCUDA, [&]<class T>() {
    using Acc = acc_t<T>;
    if (p == 0) {
      gpu_reduce<T, T>(plan, out, in, kernels::NormZeroOp<Acc>{});
    } else if (p == 1) {
      gpu_reduce<T, T>(plan, out, in, kernels::NormOneOp<Acc>{});
    } else if (p == 2) {
      gpu_reduce<T, T>(plan, out, in, kernels::NormTwoOp<Acc>{});
    } else if (p == INFINITY) {
      gpu_reduce<T, T>(plan, out, in, kernels::NormInfOp<Acc, true>{});
    } else if (p == -INFINITY) {
      gpu_reduce<T, T>(plan, out, in, kernels::NormInfOp<Acc, false>{});
    } else {
      kernels::NormPOp<Acc> op;
      op.p = static_cast<Acc>(p);
      gpu_reduce<T, T>(plan, out, in, op);
    }
  });
}

void logsumexp_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<types::kFloating>(in.dtype(), "logsumexp", kCUDA, [&]<class T>() {
    using M = kernels::opmath_t<T>;
    gpu_reduce<T, T>(plan, out, in, kernels::LogSumExpOp<M, M>{});
  });
}

}  // namespace ember::cuda
