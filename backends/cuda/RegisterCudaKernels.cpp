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
  // Elementwise ops beyond the arithmetic ones.
  register_kernel<Kernel::neg>(kCUDA, &neg_kernel);
  register_kernel<Kernel::abs>(kCUDA, &abs_kernel);
  register_kernel<Kernel::relu>(kCUDA, &relu_kernel);
  register_kernel<Kernel::sign>(kCUDA, &sign_kernel);
  register_kernel<Kernel::bitwise_not>(kCUDA, &bitwise_not_kernel);
  register_kernel<Kernel::isnan>(kCUDA, &isnan_kernel);
  register_kernel<Kernel::logical_not>(kCUDA, &logical_not_kernel);
  register_kernel<Kernel::sqrt>(kCUDA, &sqrt_kernel);
  register_kernel<Kernel::rsqrt>(kCUDA, &rsqrt_kernel);
  register_kernel<Kernel::exp>(kCUDA, &exp_kernel);
  register_kernel<Kernel::log>(kCUDA, &log_kernel);
  register_kernel<Kernel::log1p>(kCUDA, &log1p_kernel);
  register_kernel<Kernel::sin>(kCUDA, &sin_kernel);
  register_kernel<Kernel::cos>(kCUDA, &cos_kernel);
  register_kernel<Kernel::tanh>(kCUDA, &tanh_kernel);
  register_kernel<Kernel::sigmoid>(kCUDA, &sigmoid_kernel);
  register_kernel<Kernel::reciprocal>(kCUDA, &reciprocal_kernel);
  register_kernel<Kernel::floor>(kCUDA, &floor_kernel);
  register_kernel<Kernel::ceil>(kCUDA, &ceil_kernel);
  register_kernel<Kernel::round>(kCUDA, &round_kernel);
  register_kernel<Kernel::eq>(kCUDA, &eq_kernel);
  register_kernel<Kernel::ne>(kCUDA, &ne_kernel);
  register_kernel<Kernel::lt>(kCUDA, &lt_kernel);
  register_kernel<Kernel::le>(kCUDA, &le_kernel);
  register_kernel<Kernel::gt>(kCUDA, &gt_kernel);
  register_kernel<Kernel::ge>(kCUDA, &ge_kernel);
  register_kernel<Kernel::logical_and>(kCUDA, &logical_and_kernel);
  register_kernel<Kernel::logical_or>(kCUDA, &logical_or_kernel);
  register_kernel<Kernel::bitwise_and>(kCUDA, &bitwise_and_kernel);
  register_kernel<Kernel::bitwise_or>(kCUDA, &bitwise_or_kernel);
  register_kernel<Kernel::where>(kCUDA, &where_kernel);
  register_kernel<Kernel::pow>(kCUDA, &pow_kernel);
  register_kernel<Kernel::pow_scalar>(kCUDA, &pow_scalar_kernel);
  register_kernel<Kernel::maximum>(kCUDA, &maximum_kernel);
  register_kernel<Kernel::minimum>(kCUDA, &minimum_kernel);
  register_kernel<Kernel::clamp>(kCUDA, &clamp_kernel);
  register_kernel<Kernel::leaky_relu>(kCUDA, &leaky_relu_kernel);
  register_kernel<Kernel::gelu>(kCUDA, &gelu_kernel);
  register_kernel<Kernel::sum>(kCUDA, &sum_kernel);
  register_kernel<Kernel::max_all>(kCUDA, &max_all_kernel);
  register_kernel<Kernel::min_all>(kCUDA, &min_all_kernel);
  register_kernel<Kernel::max_dim>(kCUDA, &max_dim_kernel);
  register_kernel<Kernel::min_dim>(kCUDA, &min_dim_kernel);
  // Reductions beyond sum, max and min.
  register_kernel<Kernel::prod>(kCUDA, &prod_kernel);
  register_kernel<Kernel::any>(kCUDA, &any_kernel);
  register_kernel<Kernel::all>(kCUDA, &all_kernel);
  register_kernel<Kernel::var>(kCUDA, &var_kernel);
  register_kernel<Kernel::std>(kCUDA, &std_kernel);
  register_kernel<Kernel::norm>(kCUDA, &norm_kernel);
  register_kernel<Kernel::logsumexp>(kCUDA, &logsumexp_kernel);
  register_kernel<Kernel::allclose>(kCUDA, &allclose_kernel);
  // Along a dim.
  register_kernel<Kernel::cumsum>(kCUDA, &cumsum_kernel);
  register_kernel<Kernel::softmax>(kCUDA, &softmax_kernel);
  register_kernel<Kernel::log_softmax>(kCUDA, &log_softmax_kernel);
  // Indexing, masking, concatenation.
  register_kernel<Kernel::index_select>(kCUDA, &index_select_kernel);
  register_kernel<Kernel::gather>(kCUDA, &gather_kernel);
  register_kernel<Kernel::scatter_add>(kCUDA, &scatter_add_kernel);
  register_kernel<Kernel::index_offsets>(kCUDA, &index_offsets_kernel);
  register_kernel<Kernel::index>(kCUDA, &index_kernel);
  register_kernel<Kernel::index_put>(kCUDA, &index_put_kernel);
  register_kernel<Kernel::masked_fill>(kCUDA, &masked_fill_kernel);
  register_kernel<Kernel::cat>(kCUDA, &cat_kernel);
  register_kernel<Kernel::nonzero>(kCUDA, &nonzero_kernel);
  register_kernel<Kernel::gemm>(kCUDA, &gemm_kernel);
  register_kernel<Kernel::uniform>(kCUDA, &uniform_kernel);
  register_kernel<Kernel::normal>(kCUDA, &normal_kernel);
  register_kernel<Kernel::random_int>(kCUDA, &random_int_kernel);
  register_kernel<Kernel::randperm>(kCUDA, &randperm_kernel);
}

}  // namespace ember::detail
