// Autograd-free body of cumsum: running sums along a dim. Integers and bool accumulate into int64
// unless a dtype is given; a given dtype converts the input first (as PyTorch).

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/ReduceOps.h"
#include "ember/core/Functions.h"

namespace ember {

namespace native {

Tensor cumsum(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  const Dtype out_dtype = dtype ? *dtype : (is_integral_type(t.dtype(), true) ? kLong : t.dtype());
  const Tensor in = t.to(out_dtype).contiguous();
  Tensor out = detail::empty_tensor(in.sizes(), out_dtype, in.device());
  detail::get_kernel<detail::Kernel::cumsum>(in.device().type())(out, in, d);
  return out;
}

}  // namespace native

}  // namespace ember
