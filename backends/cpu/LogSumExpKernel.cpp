// CPU kernel of logsumexp over a plan's dims.

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Reduce.h"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cpu {

using namespace detail;

void logsumexp_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  dispatch_dtype<types::kFloating>(in.dtype(), "logsumexp", kCPU, [&]<class T>() {
    reduce_kernel<T, T>(plan, out, in, kernels::LogSumExpOp<kernels::opmath_t<T>, double>{});
  });
}

}  // namespace ember::cpu
