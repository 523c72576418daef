// Autograd-free bodies of softmax and log_softmax along a dim (public front ends in
// core/api/Activation.cpp). A dtype converts the input first (as PyTorch); floating dtypes
// only. Computed stably: the max along the dim is subtracted before exponentiating.

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/UnaryOps.h"
#include "ember/core/Functions.h"

namespace ember::native {

namespace {

template <detail::Kernel K>
Tensor softmax_like(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  const Tensor in = t.to(dtype.value_or(t.dtype())).contiguous();
  Tensor out = detail::empty_tensor(in.sizes(), in.dtype(), in.device());
  detail::get_kernel<K>(in.device().type())(out, in, d);
  return out;
}

}  // namespace

Tensor softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  return softmax_like<detail::Kernel::softmax>(t, dim, dtype);
}

Tensor log_softmax(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  return softmax_like<detail::Kernel::log_softmax>(t, dim, dtype);
}

}  // namespace ember::native
