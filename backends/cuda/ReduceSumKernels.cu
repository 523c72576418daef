// sum on the GPU (mean divides the sum in the front end). Floats and half/bfloat16 accumulate
// in float, double in double, integers and bool in int64 (as PyTorch's CUDA sum).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Reduce.cuh"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cuda {

void sum_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<detail::types::kAll>(in.dtype(), "sum", kCUDA, [&]<class T>() {
    constexpr bool integral = std::is_integral_v<T>;
    using Acc = std::conditional_t<integral, int64_t,
                                   std::conditional_t<std::is_same_v<T, double>, double, float>>;
    using Out = std::conditional_t<integral, int64_t, T>;
    gpu_reduce<T, Out>(plan, out, in, kernels::SumOp<Acc>{});
  });
}

}  // namespace ember::cuda
