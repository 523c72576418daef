// Copies (with conversion) into integer and bool tensors.

#include "backends/cuda/CopyKernels.cuh"

namespace ember::cuda::impl {

void convert_copy_to_integral(detail::TensorIterator& iter) {
  constexpr uint32_t kTypes = detail::types::kIntegral | detail::types::kBool;
  detail::dispatch_dtype<kTypes>(iter.dtype(0), "copy_", kCUDA,
                                 [&]<class D>() { convert_copy_to<D>(iter); });
}

}  // namespace ember::cuda::impl
