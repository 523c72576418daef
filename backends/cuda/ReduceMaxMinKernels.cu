// max / min over the whole tensor (values) and along a dim (values and int64 indices) on the
// GPU. Half and bfloat16 compare in float; NaN propagates (see kernels/ReduceOps.h).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Reduce.cuh"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cuda {

using detail::ReductionPlan;
namespace types = detail::types;

void max_all_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<types::kAll>(in.dtype(), "max", kCUDA, [&]<class T>() {
    gpu_reduce<T, T>(plan, out, in, kernels::MaxOp<kernels::opmath_t<T>>{});
  });
}

void min_all_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  detail::dispatch_dtype<types::kAll>(in.dtype(), "min", kCUDA, [&]<class T>() {
    gpu_reduce<T, T>(plan, out, in, kernels::MinOp<kernels::opmath_t<T>>{});
  });
}

void max_dim_kernel(const ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in) {
  detail::dispatch_dtype<types::kAll>(in.dtype(), "max", kCUDA, [&]<class T>() {
    gpu_reduce<T, T>(plan, values, in, kernels::ArgMaxOp<kernels::opmath_t<T>>{}, &indices);
  });
}

void min_dim_kernel(const ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in) {
  detail::dispatch_dtype<types::kAll>(in.dtype(), "min", kCUDA, [&]<class T>() {
    gpu_reduce<T, T>(plan, values, in, kernels::ArgMinOp<kernels::opmath_t<T>>{}, &indices);
  });
}

}  // namespace ember::cuda
