// Autograd-free body of norm: the vector p-norm over the whole tensor or a list of dims (empty:
// all), p = 2 by default; p may be 0, 1, 2, +-inf or any other number. Floating inputs only, as
// PyTorch; an empty reduction gives 0 for every p (as PyTorch).

#include "core/ops/ReduceOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

namespace {

Tensor norm_impl(const Tensor& t, const Scalar& p, IntArrayRef dims, bool keepdim) {
  EMBER_CHECK(is_floating_type(t.dtype()),
              "norm(): input dtype should be either floating point or complex. Got {} instead.",
              dtype_name(t.dtype()));
  auto setup = detail::setup_reduction(t, dims, t.dtype());
  if (setup.plan.red_numel == 0) {
    if (setup.out_keepdim.numel() > 0) {
      detail::get_kernel<detail::Kernel::fill>(t.device().type())(setup.out_keepdim, Scalar(0));
    }
  } else {
    detail::get_kernel<detail::Kernel::norm>(t.device().type())(setup.plan, setup.out_keepdim, t,
                                                                p);
  }
  return detail::finish_reduction(setup, keepdim);
}

}  // namespace

namespace native {

Tensor norm(const Tensor& t, const Scalar& p, IntArrayRef dim, bool keepdim) {
  return norm_impl(t, p, dim, keepdim);
}

}  // namespace native

}  // namespace ember
