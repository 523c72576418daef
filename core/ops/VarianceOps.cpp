// Autograd-free bodies of var and std: over the whole tensor or a list of dims (empty: all),
// unbiased (divisor n - 1) by default. Floating inputs only, as PyTorch.

#include "core/ops/ReduceOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

namespace {

template <detail::Kernel K>
Tensor variance(const Tensor& t, IntArrayRef dims, bool unbiased, bool keepdim) {
  EMBER_CHECK(is_floating_type(t.dtype()),
              "std and var only support floating point and complex dtypes, got {}",
              dtype_name(t.dtype()));
  auto setup = detail::setup_reduction(t, dims, t.dtype());
  detail::get_kernel<K>(t.device().type())(setup.plan, setup.out_keepdim, t,
                                           Scalar(unbiased ? 1 : 0));
  return detail::finish_reduction(setup, keepdim);
}

}  // namespace

namespace native {

Tensor var(const Tensor& t, IntArrayRef dim, bool unbiased, bool keepdim) {
  return variance<detail::Kernel::var>(t, dim, unbiased, keepdim);
}

Tensor std(const Tensor& t, IntArrayRef dim, bool unbiased, bool keepdim) {
  return variance<detail::Kernel::std>(t, dim, unbiased, keepdim);
}

}  // namespace native

}  // namespace ember
