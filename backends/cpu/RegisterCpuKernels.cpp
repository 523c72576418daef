#include "backends/cpu/CachingAllocator.h"
#include "backends/cpu/CpuGenerator.h"
#include "backends/cpu/Kernels.h"
#include "core/KernelTable.h"

namespace ember::detail {

void register_cpu_kernels() {
  using namespace ember::cpu;
  set_allocator(kCPU, caching_allocator());
  register_kernel<Kernel::copy>(kCPU, &copy_kernel);
  register_kernel<Kernel::fill>(kCPU, &fill_kernel);
  register_kernel<Kernel::range>(kCPU, &range_kernel);
  register_kernel<Kernel::linspace>(kCPU, &linspace_kernel);
  register_kernel<Kernel::add>(kCPU, &add_kernel);
  register_kernel<Kernel::mul>(kCPU, &mul_kernel);
  register_kernel<Kernel::div>(kCPU, &div_kernel);
  register_kernel<Kernel::sum>(kCPU, &sum_kernel);
  register_kernel<Kernel::gemm>(kCPU, &gemm_kernel);

  // Indexing, joining (indexing branch)
  register_kernel<Kernel::index_offsets>(kCPU, &index_offsets_kernel);
  register_kernel<Kernel::index>(kCPU, &index_kernel);
  register_kernel<Kernel::index_put>(kCPU, &index_put_kernel);
  register_kernel<Kernel::index_select>(kCPU, &index_select_kernel);
  register_kernel<Kernel::gather>(kCPU, &gather_kernel);
  register_kernel<Kernel::scatter_add>(kCPU, &scatter_add_kernel);
  register_kernel<Kernel::masked_fill>(kCPU, &masked_fill_kernel);
  register_kernel<Kernel::nonzero>(kCPU, &nonzero_kernel);
  register_kernel<Kernel::cat>(kCPU, &cat_kernel);

  // Random numbers (random-npy branch: RandomKernels.cpp, CpuGenerator.cpp)
  set_generator_getter(kCPU, &default_cpu_generator);
  register_kernel<Kernel::uniform>(kCPU, &uniform_kernel);
  register_kernel<Kernel::normal>(kCPU, &normal_kernel);
  register_kernel<Kernel::random_int>(kCPU, &random_from_to_kernel);
  register_kernel<Kernel::randperm>(kCPU, &randperm_kernel);
}

}  // namespace ember::detail
