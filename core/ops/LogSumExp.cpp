// Autograd-free body of logsumexp: log(sum(exp(x))) over a list of dims (empty: all), computed
// stably (see kernels/ReduceOps.h). Integer and bool inputs are converted to the default float
// dtype.

#include "core/ops/ReduceOps.h"
#include "ember/core/Functions.h"

namespace ember {

namespace native {

Tensor logsumexp(const Tensor& t, IntArrayRef dim, bool keepdim) {
  const Tensor in = is_floating_type(t.dtype()) ? t : t.to(default_dtype());
  auto setup = detail::setup_reduction(in, dim, in.dtype());
  detail::get_kernel<detail::Kernel::logsumexp>(in.device().type())(setup.plan, setup.out_keepdim,
                                                                    in);
  return detail::finish_reduction(setup, keepdim);
}

}  // namespace native

}  // namespace ember
