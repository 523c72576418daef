#include "backends/cpu/Kernels.h"
#include "backends/cpu/Reduce.h"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cpu {

using namespace detail;

namespace {
// CPU accumulation types: float sums in double (accurate, still memory-bound), integers in
// int64.
template <class T>
using sum_acc_t = std::conditional_t<std::is_integral_v<T>, int64_t, double>;
}  // namespace

void sum_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  dispatch_dtype<types::kAll>(in.dtype(), "sum", kCPU, [&]<class T>() {
    using Acc = sum_acc_t<T>;
    using Out = std::conditional_t<std::is_integral_v<T>, int64_t, T>;
    reduce_kernel<T, Out>(plan, out, in, kernels::SumOp<Acc>{});
  });
}

}  // namespace ember::cpu
