// Unary elementwise ops defined for integers too (neg, abs, relu, sign, bitwise_not) and the
// bool-valued predicates (isnan, logical_not) on the GPU, with the CPU's functors and dtype sets
// (backends/cpu/UnaryKernels.cpp).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/UnaryOps.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

void neg_kernel(TensorIterator& iter) { gpu_unary<types::kNumeric>(iter, "neg", kernels::Neg{}); }
void abs_kernel(TensorIterator& iter) { gpu_unary<types::kNumeric>(iter, "abs", kernels::Abs{}); }
void relu_kernel(TensorIterator& iter) {
  gpu_unary<types::kNumeric>(iter, "relu", kernels::Relu{});
}
void sign_kernel(TensorIterator& iter) { gpu_unary<types::kAll>(iter, "sign", kernels::Sign{}); }
void bitwise_not_kernel(TensorIterator& iter) {
  gpu_unary<types::kIntegral | types::kBool>(iter, "bitwise_not", kernels::BitwiseNot{});
}
// Predicates read any dtype and write bool (UnaryFn picks bool from the functor's result).
void isnan_kernel(TensorIterator& iter) { gpu_unary<types::kAll>(iter, "isnan", kernels::IsNan{}); }
void logical_not_kernel(TensorIterator& iter) {
  gpu_unary<types::kAll>(iter, "logical_not", kernels::LogicalNot{});
}

}  // namespace ember::cuda
