// logical_and / logical_or (bool result), bitwise_and / bitwise_or (integers and bool) and
// where on the GPU, with the CPU's functors (backends/cpu/CompareKernels.cpp).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/Comparison.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

namespace {
// Operands: the bool condition, then the two values (the output's dtype). The values are not
// converted to op-math: where only selects.
template <class T>
struct WhereFn {
  EMBER_HOST_DEVICE T operator()(bool c, T a, T b) const { return kernels::Where{}(c, a, b); }
};
}  // namespace

void logical_and_kernel(TensorIterator& iter) {
  gpu_binary<types::kAll>(iter, "logical_and", kernels::LogicalAnd{});
}
void logical_or_kernel(TensorIterator& iter) {
  gpu_binary<types::kAll>(iter, "logical_or", kernels::LogicalOr{});
}
void bitwise_and_kernel(TensorIterator& iter) {
  gpu_binary<types::kIntegral | types::kBool>(iter, "bitwise_and", kernels::BitwiseAnd{});
}
void bitwise_or_kernel(TensorIterator& iter) {
  gpu_binary<types::kIntegral | types::kBool>(iter, "bitwise_or", kernels::BitwiseOr{});
}
void where_kernel(TensorIterator& iter) {
  detail::dispatch_dtype<types::kAll>(iter.dtype(), "where", kCUDA,
                                      [&]<class T>() { gpu_kernel(iter, WhereFn<T>{}); });
}

}  // namespace ember::cuda
