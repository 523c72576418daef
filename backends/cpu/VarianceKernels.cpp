// CPU kernels of var and std (Welford / two-pass, accumulated in double).

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Reduce.h"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

void variance_kernel(const char* name, bool take_sqrt, const ReductionPlan& plan, const Tensor& out,
                     const Tensor& in, const Scalar& correction) {
  dispatch_dtype<types::kFloating>(in.dtype(), name, kCPU, [&]<class T>() {
    reduce_kernel<T, T>(plan, out, in,
                        kernels::WelfordOp<double>{correction.toDouble(), take_sqrt});
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

}  // namespace ember::cpu
