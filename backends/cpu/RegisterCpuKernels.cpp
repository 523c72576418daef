#include "backends/cpu/CachingAllocator.h"
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
  // ---- Reductions and along-dim ops -------------------------------------------------------
  register_kernel<Kernel::sum>(kCPU, &sum_kernel);
  register_kernel<Kernel::prod>(kCPU, &prod_kernel);
  register_kernel<Kernel::any>(kCPU, &any_kernel);
  register_kernel<Kernel::all>(kCPU, &all_kernel);
  register_kernel<Kernel::max_all>(kCPU, &max_all_kernel);
  register_kernel<Kernel::min_all>(kCPU, &min_all_kernel);
  register_kernel<Kernel::max_dim>(kCPU, &max_dim_kernel);
  register_kernel<Kernel::min_dim>(kCPU, &min_dim_kernel);
  register_kernel<Kernel::var>(kCPU, &var_kernel);
  register_kernel<Kernel::std>(kCPU, &std_kernel);
  register_kernel<Kernel::norm>(kCPU, &norm_kernel);
  register_kernel<Kernel::logsumexp>(kCPU, &logsumexp_kernel);
  register_kernel<Kernel::cumsum>(kCPU, &cumsum_kernel);
  register_kernel<Kernel::softmax>(kCPU, &softmax_kernel);
  register_kernel<Kernel::log_softmax>(kCPU, &log_softmax_kernel);
  register_kernel<Kernel::allclose>(kCPU, &allclose_kernel);
  // ---- End of reductions ----------------------------------------------------------------
  register_kernel<Kernel::gemm>(kCPU, &gemm_kernel);
}

}  // namespace ember::detail
