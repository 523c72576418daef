// CPU kernel of the vector norm over a plan's dims, for every p (accumulated in double).

#include <cmath>

#include "backends/cpu/ContiguousFloatReduce.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Reduce.h"
#include "core/DtypeDispatch.h"
#include "kernels/ReduceOps.h"

namespace ember::cpu {

using namespace detail;

void norm_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in,
                 const Scalar& p_scalar) {
  const double p = p_scalar.toDouble();
  // The 2-norm of a whole contiguous float32 tensor: blocked float sums of squares. Squares
  // that overflow or underflow float (|x| beyond about 2^63 or below 2^-63) could spoil that
  // sum: when it lies outside [2^-80, 2^100] (or is inf or NaN), the general loops, which
  // square in double, compute the norm instead.
  if (p == 2 && in.dtype() == kFloat && out.dtype() == kFloat &&
      is_whole_contiguous_reduction(plan)) {
    const double sum_sq =
        contiguous_float_sum_of_squares(static_cast<const float*>(in.data_ptr()), plan.red_numel);
    if (sum_sq >= 0x1p-80 && sum_sq <= 0x1p100) {
      *out.data_ptr<float>() = static_cast<float>(std::sqrt(sum_sq));
      return;
    }
  }
  dispatch_dtype<types::kFloating>(in.dtype(), "norm", kCPU, [&]<class T>() {
    using Acc = double;
    if (p == 0) {
      reduce_kernel<T, T>(plan, out, in, kernels::NormZeroOp<Acc>{});
    } else if (p == 1) {
      reduce_kernel<T, T>(plan, out, in, kernels::NormOneOp<Acc>{});
    } else if (p == 2) {
      reduce_kernel<T, T>(plan, out, in, kernels::NormTwoOp<Acc>{});
    } else if (p == INFINITY) {
      reduce_kernel<T, T>(plan, out, in, kernels::NormInfOp<Acc, true>{});
    } else if (p == -INFINITY) {
      reduce_kernel<T, T>(plan, out, in, kernels::NormInfOp<Acc, false>{});
    } else {
      kernels::NormPOp<Acc> op;
      op.p = p;
      reduce_kernel<T, T>(plan, out, in, op);
    }
  });
}

}  // namespace ember::cpu
