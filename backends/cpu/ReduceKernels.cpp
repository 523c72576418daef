// CPU kernels of the sum-like reductions: sum, prod, any, all.

#include <type_traits>

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

// Runs f.operator()<Out>() for the output's element type: the input's own type, or int64
// (integer sums and products promote to it unless a dtype was asked for).
template <class T, class F>
void dispatch_sum_output(const char* op, Dtype out_dtype, F&& f) {
  if (out_dtype == dtype_of<T>()) return f.template operator()<T>();
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, int64_t>) {
    if (out_dtype == kLong) return f.template operator()<int64_t>();
  }
  EMBER_FAIL("{}: unsupported output dtype {} for input dtype {}", op, out_dtype, dtype_of<T>());
}

template <template <class> class OpT>
void sum_like_kernel(const char* name, const ReductionPlan& plan, const Tensor& out,
                     const Tensor& in) {
  dispatch_dtype<types::kAll>(in.dtype(), name, kCPU, [&]<class T>() {
    dispatch_sum_output<T>(name, out.dtype(), [&]<class Out>() {
      reduce_kernel<T, Out>(plan, out, in, OpT<sum_acc_t<T>>{});
    });
  });
}

template <class Op>
void logical_kernel(const char* name, const ReductionPlan& plan, const Tensor& out,
                    const Tensor& in) {
  // The result is bool, or uint8 for uint8 inputs (as PyTorch).
  dispatch_dtype<types::kAll>(in.dtype(), name, kCPU, [&]<class T>() {
    if (out.dtype() == kByte) {
      reduce_kernel<T, uint8_t>(plan, out, in, Op{});
    } else {
      reduce_kernel<T, bool>(plan, out, in, Op{});
    }
  });
}

}  // namespace

void sum_kernel(const ReductionPlan& plan, const Tensor& out, const Tensor& in) {
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
