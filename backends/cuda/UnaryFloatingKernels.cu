// Unary elementwise ops of floating types only (front ends promote integer inputs) on the GPU,
// with the CPU's functors (backends/cpu/UnaryKernels.cpp); half and bfloat16 compute in float.

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/UnaryOps.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

void sqrt_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "sqrt", kernels::Sqrt{});
}
void rsqrt_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "rsqrt", kernels::Rsqrt{});
}
void exp_kernel(TensorIterator& iter) { gpu_unary<types::kFloating>(iter, "exp", kernels::Exp{}); }
void log_kernel(TensorIterator& iter) { gpu_unary<types::kFloating>(iter, "log", kernels::Log{}); }
void log1p_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "log1p", kernels::Log1p{});
}
void sin_kernel(TensorIterator& iter) { gpu_unary<types::kFloating>(iter, "sin", kernels::Sin{}); }
void cos_kernel(TensorIterator& iter) { gpu_unary<types::kFloating>(iter, "cos", kernels::Cos{}); }
void tanh_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "tanh", kernels::Tanh{});
}
void sigmoid_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "sigmoid", kernels::Sigmoid{});
}
void reciprocal_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "reciprocal", kernels::Reciprocal{});
}
void floor_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "floor", kernels::Floor{});
}
void ceil_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "ceil", kernels::Ceil{});
}
void round_kernel(TensorIterator& iter) {
  gpu_unary<types::kFloating>(iter, "round", kernels::Round{});
}

}  // namespace ember::cuda
