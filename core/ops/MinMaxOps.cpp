// max, min, argmax and argmin: of the whole tensor, and along one dim with the index of the
// first occurrence. NaN propagates (and is what max and min return). max and min are the
// autograd-free bodies (the public ones are in core/api/Reductions.cpp); argmax and argmin,
// not differentiable, are public here.

#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/ReduceOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace {

template <detail::Kernel K>
Tensor extremum_all(const char* name, const Tensor& t) {
  EMBER_CHECK(t.numel() > 0,
              "{}(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
              "reduction dim with the 'dim' argument.",
              name);
  auto setup = detail::setup_reduction(t, {}, t.dtype());
  detail::get_kernel<K>(t.device().type())(setup.plan, setup.out_keepdim, t);
  return detail::finish_reduction(setup, false);
}

template <detail::Kernel K>
std::tuple<Tensor, Tensor> extremum_dim(const char* name, const Tensor& t, int64_t dim,
                                        bool keepdim) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  EMBER_CHECK(t.dim() == 0 || t.sizes()[d] != 0,
              "{}(): Expected reduction dim {} to have non-zero size.", name, d);
  auto values = detail::setup_reduction(t, IntArrayRef(d), t.dtype());
  detail::ReductionSetup indices = values;
  indices.out_keepdim =
      detail::empty_tensor(values.out_keepdim.sizes(), kLong, values.out_keepdim.device());
  detail::get_kernel<K>(t.device().type())(values.plan, values.out_keepdim, indices.out_keepdim, t);
  return {detail::finish_reduction(values, keepdim), detail::finish_reduction(indices, keepdim)};
}

template <detail::Kernel K>
Tensor arg_extremum(const char* name, const Tensor& t, std::optional<int64_t> dim, bool keepdim) {
  if (t.dtype() == kBool) detail::throw_dtype_not_implemented(name, kBool, t.device().type());
  if (dim) return std::get<1>(extremum_dim<K>(name, t, *dim, keepdim));
  EMBER_CHECK(t.numel() > 0, "{}(): Expected reduction dim to be specified for input.numel() == 0.",
              name);
  // Over the flattened tensor; keepdim keeps every dim, as size 1.
  const Tensor index = std::get<1>(extremum_dim<K>(name, t.reshape({-1}), 0, false));
  if (!keepdim) return index;
  return index.reshape(DimVector(static_cast<size_t>(t.dim()), 1));
}

}  // namespace

namespace native {

Tensor max(const Tensor& t) { return extremum_all<detail::Kernel::max_all>("max", t); }

Tensor min(const Tensor& t) { return extremum_all<detail::Kernel::min_all>("min", t); }

std::tuple<Tensor, Tensor> max(const Tensor& t, int64_t dim, bool keepdim) {
  return extremum_dim<detail::Kernel::max_dim>("max", t, dim, keepdim);
}

std::tuple<Tensor, Tensor> min(const Tensor& t, int64_t dim, bool keepdim) {
  return extremum_dim<detail::Kernel::min_dim>("min", t, dim, keepdim);
}

}  // namespace native

Tensor argmax(const Tensor& t, std::optional<int64_t> dim, bool keepdim) {
  return arg_extremum<detail::Kernel::max_dim>("argmax", t, dim, keepdim);
}

Tensor argmin(const Tensor& t, std::optional<int64_t> dim, bool keepdim) {
  return arg_extremum<detail::Kernel::min_dim>("argmin", t, dim, keepdim);
}

Tensor Tensor::argmax(std::optional<int64_t> dim, bool keepdim) const {
  return ember::argmax(*this, dim, keepdim);
}
Tensor Tensor::argmin(std::optional<int64_t> dim, bool keepdim) const {
  return ember::argmin(*this, dim, keepdim);
}

}  // namespace ember
