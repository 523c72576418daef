#include "backends/cpu/CachingAllocator.h"
#include "backends/cpu/CpuGenerator.h"
#include "backends/cpu/Kernels.h"
#include "core/KernelTable.h"

namespace ember::detail {

void register_cpu_kernels() {
  using namespace ember::cpu;
  set_allocator(kCPU, caching_allocator());
  set_generator_getter(kCPU, &default_cpu_generator);
  // Every kernel of the list, as `cpu::<name>_kernel` (declared by backends/cpu/Kernels.h).
#define EMBER_REGISTER_CPU_KERNEL(name, sig) \
  register_kernel<Kernel::name>(kCPU, &cpu::name##_kernel);
  EMBER_FORALL_KERNELS(EMBER_REGISTER_CPU_KERNEL)
#ifdef EMBER_WITH_LAPACK
  EMBER_FORALL_LINALG_KERNELS(EMBER_REGISTER_CPU_KERNEL)
#endif
  EMBER_FORALL_FAST_PATH_KERNELS(EMBER_REGISTER_CPU_KERNEL)
#undef EMBER_REGISTER_CPU_KERNEL
}

}  // namespace ember::detail
