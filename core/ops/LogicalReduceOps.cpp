// Front ends of any and all: whether any / every element is non-zero (NaN counts as
// non-zero), over the whole tensor or along one dim. The result is bool, or uint8 for uint8
// inputs, as in PyTorch.

#include "core/ops/ReduceOps.h"
#include "ember/core/Functions.h"

namespace ember {

namespace {

template <detail::Kernel K>
Tensor logical_reduce(const Tensor& t, IntArrayRef dims, bool keepdim) {
  auto setup = detail::setup_reduction(t, dims, kBool);
  detail::get_kernel<K>(t.device().type())(setup.plan, setup.out_keepdim, t);
  const Tensor result = detail::finish_reduction(setup, keepdim);
  return t.dtype() == kByte ? result.to(kByte) : result;
}

}  // namespace

Tensor any(const Tensor& t) { return logical_reduce<detail::Kernel::any>(t, {}, false); }

Tensor any(const Tensor& t, int64_t dim, bool keepdim) {
  return logical_reduce<detail::Kernel::any>(t, IntArrayRef(dim), keepdim);
}

Tensor all(const Tensor& t) { return logical_reduce<detail::Kernel::all>(t, {}, false); }

Tensor all(const Tensor& t, int64_t dim, bool keepdim) {
  return logical_reduce<detail::Kernel::all>(t, IntArrayRef(dim), keepdim);
}

Tensor Tensor::any() const { return ember::any(*this); }
Tensor Tensor::any(int64_t dim, bool keepdim) const { return ember::any(*this, dim, keepdim); }
Tensor Tensor::all() const { return ember::all(*this); }
Tensor Tensor::all(int64_t dim, bool keepdim) const { return ember::all(*this, dim, keepdim); }

}  // namespace ember
