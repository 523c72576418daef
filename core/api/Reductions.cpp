// Public reductions (sum, mean, prod, max, min, var, std, norm, logsumexp, cumsum) and their
// Tensor methods: each records its node for autograd when the input requires grad, around the
// body in core/ops/. The attributes each records are read by autograd/formulas/
// ReductionFormulas.cpp: reduced dims are stored wrapped and sorted, every dim listed when the
// op reduces them all.

#include "core/AutogradHooks.h"
#include "core/ShapeUtils.h"
#include "core/ops/ReduceOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

// The dims of `t` a reduction over `dims` (empty: all) removes, ascending.
DimVector reduced_dims(const Tensor& t, IntArrayRef dims) {
  const uint64_t mask = detail::make_dim_mask(dims, t.dim());
  DimVector out;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (mask & (1ULL << d)) out.push_back(d);
  }
  return out;
}

// ints = reduced dims, flag0 = keepdim.
OpAttrs dims_attrs(const Tensor& t, IntArrayRef dims, bool keepdim) {
  OpAttrs attrs;
  attrs.ints = reduced_dims(t, dims);
  attrs.flag0 = keepdim;
  return attrs;
}

// int0 = wrapped dim, flag0 = keepdim.
OpAttrs dim_attrs(const Tensor& t, int64_t dim, bool keepdim) {
  OpAttrs attrs;
  attrs.int0 = detail::wrap_dim(dim, t.dim());
  attrs.flag0 = keepdim;
  return attrs;
}

// Runs `body` (the op's autograd-free form) and records `op` on `t` with `attrs` when needed.
template <class Body, class Attrs>
Tensor recorded(GradOp op, const Tensor& t, Body&& body, Attrs&& make_attrs) {
  if (!detail::should_record(t)) return body();
  Tensor out = detail::below_autograd(body);
  detail::record(op, {t}, out, make_attrs());
  return out;
}

// max / min along a dim: values and indices, the node on both (indices never get history).
std::tuple<Tensor, Tensor> recorded_extremum_dim(GradOp op, const Tensor& t, int64_t dim,
                                                 bool keepdim, bool is_max) {
  const auto body = [&] {
    return is_max ? native::max(t, dim, keepdim) : native::min(t, dim, keepdim);
  };
  if (!detail::should_record(t)) return body();
  auto [values, indices] = detail::below_autograd(body);
  const Tensor outputs[] = {values, indices};
  detail::autograd_hooks().record(op, ArrayRef<Tensor>(&t, 1), ArrayRef<Tensor>(outputs, 2),
                                  dim_attrs(t, dim, keepdim));
  return {values, indices};
}

// var / std: ints = reduced dims, flag0 = unbiased, flag1 = keepdim.
Tensor recorded_variance(GradOp op, const Tensor& t, IntArrayRef dim, bool unbiased, bool keepdim) {
  return recorded(
      op, t,
      [&] {
        return op == GradOp::var ? native::var(t, dim, unbiased, keepdim)
                                 : native::std(t, dim, unbiased, keepdim);
      },
      [&] {
        OpAttrs attrs;
        attrs.ints = reduced_dims(t, dim);
        attrs.flag0 = unbiased;
        attrs.flag1 = keepdim;
        return attrs;
      });
}

}  // namespace

Tensor sum(const Tensor& t, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::sum, t, [&] { return native::sum(t, dtype); }, [] { return OpAttrs{}; });
}

Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::sum_dim, t, [&] { return native::sum(t, dim, keepdim, dtype); },
      [&] { return dims_attrs(t, dim, keepdim); });
}

Tensor mean(const Tensor& t, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::mean, t, [&] { return native::mean(t, dtype); }, [] { return OpAttrs{}; });
}

Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::mean_dim, t, [&] { return native::mean(t, dim, keepdim, dtype); },
      [&] { return dims_attrs(t, dim, keepdim); });
}

Tensor prod(const Tensor& t, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::prod, t, [&] { return native::prod(t, dtype); }, [] { return OpAttrs{}; });
}

Tensor prod(const Tensor& t, int64_t dim, bool keepdim, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::prod_dim, t, [&] { return native::prod(t, dim, keepdim, dtype); },
      [&] { return dim_attrs(t, dim, keepdim); });
}

Tensor max(const Tensor& t) {
  return recorded(
      GradOp::max_all, t, [&] { return native::max(t); }, [] { return OpAttrs{}; });
}

Tensor min(const Tensor& t) {
  return recorded(
      GradOp::min_all, t, [&] { return native::min(t); }, [] { return OpAttrs{}; });
}

std::tuple<Tensor, Tensor> max(const Tensor& t, int64_t dim, bool keepdim) {
  return recorded_extremum_dim(GradOp::max_dim, t, dim, keepdim, /*is_max=*/true);
}

std::tuple<Tensor, Tensor> min(const Tensor& t, int64_t dim, bool keepdim) {
  return recorded_extremum_dim(GradOp::min_dim, t, dim, keepdim, /*is_max=*/false);
}

Tensor var(const Tensor& t, bool unbiased) {
  return recorded_variance(GradOp::var, t, {}, unbiased, false);
}

Tensor var(const Tensor& t, IntArrayRef dim, bool unbiased, bool keepdim) {
  return recorded_variance(GradOp::var, t, dim, unbiased, keepdim);
}

Tensor std(const Tensor& t, bool unbiased) {
  return recorded_variance(GradOp::std, t, {}, unbiased, false);
}

Tensor std(const Tensor& t, IntArrayRef dim, bool unbiased, bool keepdim) {
  return recorded_variance(GradOp::std, t, dim, unbiased, keepdim);
}

Tensor var(const Tensor& t, int dim) { return ember::var(t, IntArrayRef{int64_t{dim}}); }

Tensor std(const Tensor& t, int dim) { return ember::std(t, IntArrayRef{int64_t{dim}}); }

// norm: scalar0 = p, ints = reduced dims, flag0 = keepdim.
Tensor norm(const Tensor& t, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim) {
  const Scalar order = p.value_or(Scalar(2));
  return recorded(
      GradOp::norm, t, [&] { return native::norm(t, order, dim, keepdim); },
      [&] {
        OpAttrs attrs = dims_attrs(t, dim, keepdim);
        attrs.scalar0 = order;
        return attrs;
      });
}

Tensor norm(const Tensor& t, const Scalar& p) { return ember::norm(t, p, {}, false); }

Tensor logsumexp(const Tensor& t, IntArrayRef dim, bool keepdim) {
  return recorded(
      GradOp::logsumexp, t, [&] { return native::logsumexp(t, dim, keepdim); },
      [&] { return dims_attrs(t, dim, keepdim); });
}

// cumsum: int0 = wrapped dim.
Tensor cumsum(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::cumsum, t, [&] { return native::cumsum(t, dim, dtype); },
      [&] { return dim_attrs(t, dim, false); });
}

Tensor Tensor::sum(std::optional<Dtype> dtype) const { return ember::sum(*this, dtype); }
Tensor Tensor::sum(IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype) const {
  return ember::sum(*this, dim, keepdim, dtype);
}
Tensor Tensor::mean(std::optional<Dtype> dtype) const { return ember::mean(*this, dtype); }
Tensor Tensor::mean(IntArrayRef dim, bool keepdim, std::optional<Dtype> dtype) const {
  return ember::mean(*this, dim, keepdim, dtype);
}
Tensor Tensor::prod(std::optional<Dtype> dtype) const { return ember::prod(*this, dtype); }
Tensor Tensor::prod(int64_t dim, bool keepdim, std::optional<Dtype> dtype) const {
  return ember::prod(*this, dim, keepdim, dtype);
}
Tensor Tensor::max() const { return ember::max(*this); }
Tensor Tensor::min() const { return ember::min(*this); }
std::tuple<Tensor, Tensor> Tensor::max(int64_t dim, bool keepdim) const {
  return ember::max(*this, dim, keepdim);
}
std::tuple<Tensor, Tensor> Tensor::min(int64_t dim, bool keepdim) const {
  return ember::min(*this, dim, keepdim);
}
Tensor Tensor::var(bool unbiased) const { return ember::var(*this, unbiased); }
Tensor Tensor::var(IntArrayRef dim, bool unbiased, bool keepdim) const {
  return ember::var(*this, dim, unbiased, keepdim);
}
Tensor Tensor::std(bool unbiased) const { return ember::std(*this, unbiased); }
Tensor Tensor::std(IntArrayRef dim, bool unbiased, bool keepdim) const {
  return ember::std(*this, dim, unbiased, keepdim);
}
Tensor Tensor::var(int dim) const { return ember::var(*this, dim); }
Tensor Tensor::std(int dim) const { return ember::std(*this, dim); }
Tensor Tensor::norm(const Scalar& p) const { return ember::norm(*this, p); }
Tensor Tensor::norm(const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim) const {
  return ember::norm(*this, p, dim, keepdim);
}
Tensor Tensor::logsumexp(IntArrayRef dim, bool keepdim) const {
  return ember::logsumexp(*this, dim, keepdim);
}
Tensor Tensor::cumsum(int64_t dim, std::optional<Dtype> dtype) const {
  return ember::cumsum(*this, dim, dtype);
}

}  // namespace ember
