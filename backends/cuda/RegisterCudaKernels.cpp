#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaGenerator.h"
#include "backends/cuda/Kernels.h"
#include "core/Generator.h"
#include "core/KernelTable.h"

namespace ember::detail {

void register_cuda_kernels() {
  // Without a driver or a GPU nothing is registered: CPU work runs as in a CPU-only build and
  // CUDA work fails with the allocator's clear "not available" error.
  if (cuda::impl::device_count_raw() < 1) return;
  using namespace ember::cuda;
  set_allocator(kCUDA, impl::device_allocator());
  set_generator_getter(kCUDA, &impl::default_cuda_generator);
  // Every kernel of the list, as `cuda::<name>_kernel` (declared by backends/cuda/Kernels.h).
#define EMBER_REGISTER_CUDA_KERNEL(name, sig) \
  register_kernel<Kernel::name>(kCUDA, &cuda::name##_kernel);
  EMBER_FORALL_KERNELS(EMBER_REGISTER_CUDA_KERNEL)
  EMBER_FORALL_LINALG_KERNELS(EMBER_REGISTER_CUDA_KERNEL)
#undef EMBER_REGISTER_CUDA_KERNEL
}

}  // namespace ember::detail
