// CPU kernels of max and min: of a whole tensor (max_all, min_all; any dims of a plan) and
// along one dim with the index of the first occurrence (max_dim, min_dim, used by argmax).

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Reduce.h"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

template <bool kMax>
void extremum_kernel(const char* name, const ReductionPlan& plan, const Tensor& out,
                     const Tensor& in) {
  dispatch_dtype<types::kAll>(in.dtype(), name, kCPU, [&]<class T>() {
    reduce_kernel<T, T, kernels::is_float_like_v<T>>(
        plan, out, in, kernels::ExtremumOp<kernels::opmath_t<T>, kMax>{});
  });
}

template <bool kMax>
void arg_extremum_kernel(const char* name, const ReductionPlan& plan, const Tensor& values,
                         const Tensor& indices, const Tensor& in) {
  dispatch_dtype<types::kAll>(in.dtype(), name, kCPU, [&]<class T>() {
    using Op = kernels::ArgExtremumOp<kernels::opmath_t<T>, kMax>;
    const Op op{};
    // values and indices are allocated alike by the front end: one offset serves both.
    T* v = static_cast<T*>(values.data_ptr());
    int64_t* idx = indices.data_ptr<int64_t>();
    reduce_plan(plan, static_cast<const T*>(in.data_ptr()), op,
                [&](int64_t off, const typename Op::acc_t& acc) {
                  v[off] = op.template project<T>(acc);
                  idx[off] = acc.index < 0 ? 0 : acc.index;
                });
  });
}

}  // namespace

void max_all_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  extremum_kernel<true>("max", plan, out, in);
}

void min_all_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  extremum_kernel<false>("min", plan, out, in);
}

void max_dim_kernel(const ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in) {
  arg_extremum_kernel<true>("max", plan, values, indices, in);
}

void min_dim_kernel(const ReductionPlan& plan, const Tensor& values, const Tensor& indices,
                    const Tensor& in) {
  arg_extremum_kernel<false>("min", plan, values, indices, in);
}

}  // namespace ember::cpu
