// Copies (with conversion) into half, bfloat16, float and double tensors.

#include "backends/cuda/CopyKernels.cuh"

namespace ember::cuda::impl {

void convert_copy_to_floating(detail::TensorIterator& iter) {
  detail::dispatch_dtype<detail::types::kFloating>(iter.dtype(0), "copy_", kCUDA,
                                                   [&]<class D>() { convert_copy_to<D>(iter); });
}

}  // namespace ember::cuda::impl
