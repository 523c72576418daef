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
  register_kernel<Kernel::copy>(kCUDA, &copy_kernel);
  register_kernel<Kernel::fill>(kCUDA, &fill_kernel);
  register_kernel<Kernel::range>(kCUDA, &range_kernel);
  register_kernel<Kernel::linspace>(kCUDA, &linspace_kernel);
  register_kernel<Kernel::add>(kCUDA, &add_kernel);
  register_kernel<Kernel::mul>(kCUDA, &mul_kernel);
  register_kernel<Kernel::div>(kCUDA, &div_kernel);
  register_kernel<Kernel::sum>(kCUDA, &sum_kernel);
  register_kernel<Kernel::max_all>(kCUDA, &max_all_kernel);
  register_kernel<Kernel::min_all>(kCUDA, &min_all_kernel);
  register_kernel<Kernel::max_dim>(kCUDA, &max_dim_kernel);
  register_kernel<Kernel::min_dim>(kCUDA, &min_dim_kernel);
  register_kernel<Kernel::gemm>(kCUDA, &gemm_kernel);
  register_kernel<Kernel::uniform>(kCUDA, &uniform_kernel);
  register_kernel<Kernel::normal>(kCUDA, &normal_kernel);
}

}  // namespace ember::detail
