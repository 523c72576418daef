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
  // ---- Elementwise ops
  register_kernel<Kernel::neg>(kCPU, &neg_kernel);
  register_kernel<Kernel::abs>(kCPU, &abs_kernel);
  register_kernel<Kernel::sqrt>(kCPU, &sqrt_kernel);
  register_kernel<Kernel::rsqrt>(kCPU, &rsqrt_kernel);
  register_kernel<Kernel::exp>(kCPU, &exp_kernel);
  register_kernel<Kernel::log>(kCPU, &log_kernel);
  register_kernel<Kernel::log1p>(kCPU, &log1p_kernel);
  register_kernel<Kernel::sin>(kCPU, &sin_kernel);
  register_kernel<Kernel::cos>(kCPU, &cos_kernel);
  register_kernel<Kernel::tanh>(kCPU, &tanh_kernel);
  register_kernel<Kernel::sigmoid>(kCPU, &sigmoid_kernel);
  register_kernel<Kernel::relu>(kCPU, &relu_kernel);
  register_kernel<Kernel::reciprocal>(kCPU, &reciprocal_kernel);
  register_kernel<Kernel::sign>(kCPU, &sign_kernel);
  register_kernel<Kernel::floor>(kCPU, &floor_kernel);
  register_kernel<Kernel::ceil>(kCPU, &ceil_kernel);
  register_kernel<Kernel::round>(kCPU, &round_kernel);
  register_kernel<Kernel::isnan>(kCPU, &isnan_kernel);
  register_kernel<Kernel::logical_not>(kCPU, &logical_not_kernel);
  register_kernel<Kernel::bitwise_not>(kCPU, &bitwise_not_kernel);
  register_kernel<Kernel::pow>(kCPU, &pow_kernel);
  register_kernel<Kernel::pow_scalar>(kCPU, &pow_scalar_kernel);
  register_kernel<Kernel::eq>(kCPU, &eq_kernel);
  register_kernel<Kernel::ne>(kCPU, &ne_kernel);
  register_kernel<Kernel::lt>(kCPU, &lt_kernel);
  register_kernel<Kernel::le>(kCPU, &le_kernel);
  register_kernel<Kernel::gt>(kCPU, &gt_kernel);
  register_kernel<Kernel::ge>(kCPU, &ge_kernel);
  register_kernel<Kernel::logical_and>(kCPU, &logical_and_kernel);
  register_kernel<Kernel::logical_or>(kCPU, &logical_or_kernel);
  register_kernel<Kernel::bitwise_and>(kCPU, &bitwise_and_kernel);
  register_kernel<Kernel::bitwise_or>(kCPU, &bitwise_or_kernel);
  register_kernel<Kernel::where>(kCPU, &where_kernel);
  register_kernel<Kernel::maximum>(kCPU, &maximum_kernel);
  register_kernel<Kernel::minimum>(kCPU, &minimum_kernel);
  register_kernel<Kernel::clamp>(kCPU, &clamp_kernel);
  register_kernel<Kernel::leaky_relu>(kCPU, &leaky_relu_kernel);
  register_kernel<Kernel::gelu>(kCPU, &gelu_kernel);
  // ---- end of elementwise ops ----
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

  // Indexing, joining
  register_kernel<Kernel::index_offsets>(kCPU, &index_offsets_kernel);
  register_kernel<Kernel::index>(kCPU, &index_kernel);
  register_kernel<Kernel::index_put>(kCPU, &index_put_kernel);
  register_kernel<Kernel::index_select>(kCPU, &index_select_kernel);
  register_kernel<Kernel::gather>(kCPU, &gather_kernel);
  register_kernel<Kernel::scatter_add>(kCPU, &scatter_add_kernel);
  register_kernel<Kernel::masked_fill>(kCPU, &masked_fill_kernel);
  register_kernel<Kernel::nonzero>(kCPU, &nonzero_kernel);
  register_kernel<Kernel::cat>(kCPU, &cat_kernel);

  // Random numbers (RandomKernels.cpp, CpuGenerator.cpp)
  set_generator_getter(kCPU, &default_cpu_generator);
  register_kernel<Kernel::uniform>(kCPU, &uniform_kernel);
  register_kernel<Kernel::normal>(kCPU, &normal_kernel);
  register_kernel<Kernel::random_int>(kCPU, &random_from_to_kernel);
  register_kernel<Kernel::randperm>(kCPU, &randperm_kernel);
}

}  // namespace ember::detail
