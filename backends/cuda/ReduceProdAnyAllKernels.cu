// prod, any and all on the GPU with the CPU's functors (backends/cpu/ReduceKernels.cpp).
// Products of integers and bool accumulate in int64 with wrap-around, of half, bfloat16 and
// float in float, of double in double (as sum, and PyTorch's CUDA prod).

#include <type_traits>

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Reduce.cuh"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cuda {

using detail::ReductionPlan;
namespace types = detail::types;

void prod_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<types::kAll>(in.dtype(), "prod", kCUDA, [&]<class T>() {
    constexpr bool integral = std::is_integral_v<T>;
    using Acc = std::conditional_t<integral, int64_t,
                                   std::conditional_t<std::is_same_v<T, double>, double, float>>;
    using Out = std::conditional_t<integral, int64_t, T>;
    gpu_reduce<T, Out>(plan, out, in, kernels::ProdOp<Acc>{});
  });
}

// Both write bool (the front end converts for uint8 inputs, as on the CPU).
void any_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<types::kAll>(in.dtype(), "any", kCUDA, [&]<class T>() {
    gpu_reduce<T, bool>(plan, out, in, kernels::AnyOp{});
  });
}

void all_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<types::kAll>(in.dtype(), "all", kCUDA, [&]<class T>() {
    gpu_reduce<T, bool>(plan, out, in, kernels::AllOp{});
  });
}

}  // namespace ember::cuda
