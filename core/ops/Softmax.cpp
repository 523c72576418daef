// Front ends of softmax and log_softmax along a dim. A dtype converts the input first (as
// PyTorch); floating dtypes only. Computed stably: the max along the dim is subtracted before
// exponentiating.

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "ember/core/Functions.h"

namespace ember {

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

Tensor Tensor::softmax(int64_t dim, std::optional<Dtype> dtype) const {
  return ember::softmax(*this, dim, dtype);
}

Tensor Tensor::log_softmax(int64_t dim, std::optional<Dtype> dtype) const {
  return ember::log_softmax(*this, dim, dtype);
}

}  // namespace ember
