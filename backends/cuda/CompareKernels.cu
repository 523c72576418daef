// Comparisons on the GPU: operands of the promoted dtype, a bool result, the CPU's functors
// (backends/cpu/CompareKernels.cpp).

#include "backends/cuda/Kernels.h"
#include "backends/cuda/Loops.cuh"
#include "kernels/Comparison.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

void eq_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "eq", kernels::Eq{}); }
void ne_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "ne", kernels::Ne{}); }
void lt_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "lt", kernels::Lt{}); }
void le_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "le", kernels::Le{}); }
void gt_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "gt", kernels::Gt{}); }
void ge_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "ge", kernels::Ge{}); }

}  // namespace ember::cuda
