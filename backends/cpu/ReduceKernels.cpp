// CPU kernels of the sum-like reductions: sum, prod, any, all.

#include <type_traits>

#include "backends/cpu/ContiguousFloatReduce.h"
#include "backends/cpu/Kernels.h"
#include "backends/cpu/Reduce.h"
#include "core/DtypeDispatch.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "kernels/ReduceOps.h"

namespace ember::cpu {

using namespace detail;

namespace {

// CPU accumulation types: floats in double (accurate, still memory-bound), integers and bool
// in int64 (wrapping, as PyTorch).
template <class T>
using sum_acc_t = std::conditional_t<std::is_integral_v<T>, int64_t, double>;

template <template <class> class OpT>
void sum_like_kernel(const char* name, const ReductionPlan& plan, const Tensor& out,
                     const Tensor& in) {
  // Integers and bool reduce into int64 (the front end converts when another dtype was asked
  // for), floating types into their own type.
  dispatch_dtype<types::kAll>(in.dtype(), name, kCPU, [&]<class T>() {
    using Out = std::conditional_t<std::is_integral_v<T>, int64_t, T>;
    EMBER_CHECK(out.dtype() == dtype_of<Out>(), "{}: expected a {} output for {} input, got {}",
                name, dtype_of<Out>(), in.dtype(), out.dtype());
    // Float sums (double accumulation) gain from AVX2; products are rarely large.
    constexpr bool kAvx2 =
        kernels::is_float_like_v<T> && std::is_same_v<OpT<double>, kernels::SumOp<double>>;
    reduce_kernel<T, Out, kAvx2>(plan, out, in, OpT<sum_acc_t<T>>{});
  });
}

template <class Op>
void logical_kernel(const char* name, const ReductionPlan& plan, const Tensor& out,
                    const Tensor& in) {
  EMBER_CHECK(out.dtype() == kBool, "{}: expected a Bool output, got {}", name, out.dtype());
  dispatch_dtype<types::kAll>(in.dtype(), name, kCPU,
                              [&]<class T>() { reduce_kernel<T, bool>(plan, out, in, Op{}); });
}

}  // namespace

void sum_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  // The whole of a contiguous float32 tensor: blocked float sums at the read bandwidth.
  if (in.dtype() == kFloat && out.dtype() == kFloat && is_whole_contiguous_reduction(plan)) {
    *out.data_ptr<float>() = static_cast<float>(
        contiguous_float_sum(static_cast<const float*>(in.data_ptr()), plan.red_numel));
    return;
  }
  sum_like_kernel<kernels::SumOp>("sum", plan, out, in);
}

void prod_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  sum_like_kernel<kernels::ProdOp>("prod", plan, out, in);
}

void any_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  logical_kernel<kernels::AnyOp>("any", plan, out, in);
}

void all_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
  logical_kernel<kernels::AllOp>("all", plan, out, in);
}

}  // namespace ember::cpu
