// The math family's two- and three-input ops on the GPU (atan2, hypot, the divisions, xor,
// shifts, lerp), with the CPU's functors and dtype sets. Integer division by zero is not
// checked here (PyTorch's CUDA kernels do not check either); the functors give 0.

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/MathOps.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

namespace {
constexpr uint32_t kIntegerAndFloating = types::kIntegral | types::kFloating;
}  // namespace

void atan2_kernel(TensorIterator& iter) {
  gpu_binary<types::kFloating>(iter, "atan2", kernels::Atan2{});
}
void hypot_kernel(TensorIterator& iter) {
  gpu_binary<types::kFloating>(iter, "hypot", kernels::Hypot{});
}
void remainder_kernel(TensorIterator& iter) {
  gpu_binary<kIntegerAndFloating>(iter, "remainder", kernels::Remainder{});
}
void fmod_kernel(TensorIterator& iter) {
  gpu_binary<kIntegerAndFloating>(iter, "fmod", kernels::Fmod{});
}
void floor_divide_kernel(TensorIterator& iter) {
  gpu_binary<kIntegerAndFloating>(iter, "floor_divide", kernels::FloorDivide{});
}
void logical_xor_kernel(TensorIterator& iter) {
  gpu_binary<types::kAll>(iter, "logical_xor", kernels::LogicalXor{});
}
void bitwise_xor_kernel(TensorIterator& iter) {
  gpu_binary<types::kIntegral | types::kBool>(iter, "bitwise_xor", kernels::BitwiseXor{});
}
void bitwise_left_shift_kernel(TensorIterator& iter) {
  gpu_binary<types::kIntegral>(iter, "bitwise_left_shift", kernels::LeftShift{});
}
void bitwise_right_shift_kernel(TensorIterator& iter) {
  gpu_binary<types::kIntegral>(iter, "bitwise_right_shift", kernels::RightShift{});
}
void lerp_kernel(TensorIterator& iter) {
  gpu_ternary<types::kFloating>(iter, "lerp", kernels::Lerp{});
}

}  // namespace ember::cuda
