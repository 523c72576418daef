// Autograd-free bodies of sort, topk, unique and the scans cumprod, logcumsumexp, cummax and
// cummin: argument checks with PyTorch's messages, contiguous input, outputs, the kernel.

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/SortingOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::native {

using detail::get_kernel;
using detail::Kernel;

std::tuple<Tensor, Tensor> sort(const Tensor& t, int64_t dim, bool descending) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  const Tensor in = t.contiguous();
  Tensor values = detail::empty_tensor(in.sizes(), in.dtype(), in.device());
  Tensor indices = detail::empty_tensor(in.sizes(), kLong, in.device());
  if (in.dim() == 0) {
    values.copy_(in);
    indices.zero_();
    return {values, indices};
  }
  get_kernel<Kernel::sort>(in.device().type())(values, indices, in, d, descending);
  return {values, indices};
}

std::tuple<Tensor, Tensor> topk(const Tensor& t, int64_t k, int64_t dim, bool largest) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  const int64_t size = t.dim() == 0 ? 1 : t.size(d);
  EMBER_CHECK(k >= 0 && k <= size, "selected index k out of range (k = {}, size along dim {} = {})",
              k, d, size);
  const Tensor in = t.contiguous();
  DimVector sizes(in.sizes());
  if (in.dim() > 0) sizes[d] = k;
  Tensor values = detail::empty_tensor(sizes, in.dtype(), in.device());
  Tensor indices = detail::empty_tensor(sizes, kLong, in.device());
  if (in.dim() == 0) {
    values.copy_(in);
    indices.zero_();
    return {values, indices};
  }
  get_kernel<Kernel::topk>(in.device().type())(values, indices, in, d, k, largest);
  return {values, indices};
}

std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& t, bool return_inverse,
                                          bool return_counts) {
  auto [values, inverse, counts] =
      get_kernel<Kernel::unique>(t.device().type())(t.contiguous(), return_inverse, return_counts);
  if (return_inverse) inverse = inverse.view(t.sizes());
  return {values, inverse, counts};
}

namespace {

// Runs a scan kernel over a contiguous copy of `in`, into a new tensor of `dtype`.
// A 0-d input scans as one element (the kernels see at least one dim).
Tensor as_line(const Tensor& t) { return t.dim() == 0 ? t.reshape({1}) : t.contiguous(); }

template <Kernel K>
Tensor scan(const Tensor& in, int64_t dim, Dtype dtype) {
  const int64_t d = detail::wrap_dim(dim, in.dim());
  const Tensor x = as_line(in.to(dtype));
  Tensor out = detail::empty_tensor(x.sizes(), dtype, x.device());
  get_kernel<K>(x.device().type())(out, x, d);
  return in.dim() == 0 ? out.reshape({}) : out;
}

template <Kernel K>
std::tuple<Tensor, Tensor> cum_extremum(const Tensor& t, int64_t dim) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  const Tensor in = as_line(t);
  Tensor values = detail::empty_tensor(in.sizes(), in.dtype(), in.device());
  Tensor indices = detail::empty_tensor(in.sizes(), kLong, in.device());
  get_kernel<K>(in.device().type())(values, indices, in, d);
  if (t.dim() == 0) return {values.reshape({}), indices.reshape({})};
  return {values, indices};
}

}  // namespace

Tensor cumprod(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  // As cumsum: integers and bool accumulate into int64 unless a dtype is given.
  const Dtype out = dtype ? *dtype : (is_integral_type(t.dtype(), true) ? kLong : t.dtype());
  return scan<Kernel::cumprod>(t, dim, out);
}

Tensor logcumsumexp(const Tensor& t, int64_t dim) {
  return scan<Kernel::logcumsumexp>(t, dim, t.dtype());
}

std::tuple<Tensor, Tensor> cummax(const Tensor& t, int64_t dim) {
  return cum_extremum<Kernel::cummax>(t, dim);
}

std::tuple<Tensor, Tensor> cummin(const Tensor& t, int64_t dim) {
  return cum_extremum<Kernel::cummin>(t, dim);
}

}  // namespace ember::native
