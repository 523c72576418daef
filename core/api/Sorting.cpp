// Public sort, argsort, topk, kthvalue, median, nanmedian, mode, cummax, cummin, cumprod and
// logcumsumexp, and their Tensor methods: each records its node for autograd when the input
// requires grad, around the body in core/ops/ (Sorting.cpp, Selection.cpp). The attributes
// are read by autograd/formulas/SortingFormulas.cpp: int0 = the wrapped dim, flag0 = keepdim.
// The ops returning (values, indices) record the node on both (indices get no history).

#include "core/AutogradHooks.h"
#include "core/ShapeUtils.h"
#include "core/ops/SortingOps.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

OpAttrs dim_attrs(const Tensor& t, int64_t dim, bool keepdim = false) {
  OpAttrs attrs;
  attrs.int0 = detail::wrap_dim(dim, t.dim());
  attrs.flag0 = keepdim;
  return attrs;
}

// Runs `body` (values, indices) and records `op` on `t` when needed.
template <class Body>
std::tuple<Tensor, Tensor> recorded_pair(GradOp op, const Tensor& t, Body&& body,
                                         OpAttrs (*make_attrs)(const Tensor&, int64_t, bool),
                                         int64_t dim, bool keepdim) {
  if (!detail::should_record(t)) return body();
  auto [values, indices] = detail::below_autograd(body);
  const Tensor outputs[] = {values, indices};
  detail::autograd_hooks().record(op, ArrayRef<Tensor>(&t, 1), ArrayRef<Tensor>(outputs, 2),
                                  make_attrs(t, dim, keepdim));
  return {values, indices};
}

template <class Body>
Tensor recorded(GradOp op, const Tensor& t, Body&& body, OpAttrs attrs) {
  if (!detail::should_record(t)) return body();
  Tensor out = detail::below_autograd(body);
  detail::record(op, {t}, out, std::move(attrs));
  return out;
}

}  // namespace

std::tuple<Tensor, Tensor> sort(const Tensor& t, int64_t dim, bool descending) {
  return recorded_pair(
      GradOp::sort, t, [&] { return native::sort(t, dim, descending); }, dim_attrs, dim, false);
}

std::tuple<Tensor, Tensor> sort(const Tensor& t, std::optional<bool> stable, int64_t dim,
                                bool descending) {
  // Always stable: `stable` only names PyTorch's node (SortBackward1).
  (void)stable;
  return recorded_pair(
      GradOp::sort_stable, t, [&] { return native::sort(t, dim, descending); }, dim_attrs, dim,
      false);
}

Tensor argsort(const Tensor& t, int64_t dim, bool descending) {
  return std::get<1>(native::sort(t, dim, descending));
}

Tensor argsort(const Tensor& t, bool stable, int64_t dim, bool descending) {
  (void)stable;
  return std::get<1>(native::sort(t, dim, descending));
}

std::tuple<Tensor, Tensor> topk(const Tensor& t, int64_t k, int64_t dim, bool largest,
                                bool sorted) {
  // Always sorted: PyTorch leaves the order of unsorted results unspecified.
  (void)sorted;
  return recorded_pair(
      GradOp::topk, t, [&] { return native::topk(t, k, dim, largest); }, dim_attrs, dim, false);
}

std::tuple<Tensor, Tensor> kthvalue(const Tensor& t, int64_t k, int64_t dim, bool keepdim) {
  return recorded_pair(
      GradOp::kthvalue, t, [&] { return native::kthvalue(t, k, dim, keepdim); }, dim_attrs, dim,
      keepdim);
}

Tensor median(const Tensor& t) {
  return recorded(
      GradOp::median_all, t, [&] { return native::median_all(t, false); }, OpAttrs{});
}

std::tuple<Tensor, Tensor> median(const Tensor& t, int64_t dim, bool keepdim) {
  return recorded_pair(
      GradOp::median_dim, t, [&] { return native::median(t, dim, keepdim, false); }, dim_attrs, dim,
      keepdim);
}

Tensor nanmedian(const Tensor& t) {
  return recorded(
      GradOp::nanmedian_all, t, [&] { return native::median_all(t, true); }, OpAttrs{});
}

std::tuple<Tensor, Tensor> nanmedian(const Tensor& t, int64_t dim, bool keepdim) {
  return recorded_pair(
      GradOp::nanmedian_dim, t, [&] { return native::median(t, dim, keepdim, true); }, dim_attrs,
      dim, keepdim);
}

std::tuple<Tensor, Tensor> mode(const Tensor& t, int64_t dim, bool keepdim) {
  return recorded_pair(
      GradOp::mode, t, [&] { return native::mode(t, dim, keepdim); }, dim_attrs, dim, keepdim);
}

std::tuple<Tensor, Tensor> cummax(const Tensor& t, int64_t dim) {
  return recorded_pair(
      GradOp::cummax, t, [&] { return native::cummax(t, dim); }, dim_attrs, dim, false);
}

std::tuple<Tensor, Tensor> cummin(const Tensor& t, int64_t dim) {
  return recorded_pair(
      GradOp::cummin, t, [&] { return native::cummin(t, dim); }, dim_attrs, dim, false);
}

Tensor cumprod(const Tensor& t, int64_t dim, std::optional<Dtype> dtype) {
  return recorded(
      GradOp::cumprod, t, [&] { return native::cumprod(t, dim, dtype); }, dim_attrs(t, dim));
}

Tensor logcumsumexp(const Tensor& t, int64_t dim) {
  return recorded(
      GradOp::logcumsumexp, t, [&] { return native::logcumsumexp(t, dim); }, dim_attrs(t, dim));
}

std::tuple<Tensor, Tensor> Tensor::sort(int64_t dim, bool descending) const {
  return ember::sort(*this, dim, descending);
}
std::tuple<Tensor, Tensor> Tensor::sort(std::optional<bool> stable, int64_t dim,
                                        bool descending) const {
  return ember::sort(*this, stable, dim, descending);
}
Tensor Tensor::argsort(int64_t dim, bool descending) const {
  return ember::argsort(*this, dim, descending);
}
Tensor Tensor::argsort(bool stable, int64_t dim, bool descending) const {
  return ember::argsort(*this, stable, dim, descending);
}
std::tuple<Tensor, Tensor> Tensor::topk(int64_t k, int64_t dim, bool largest, bool sorted) const {
  return ember::topk(*this, k, dim, largest, sorted);
}
std::tuple<Tensor, Tensor> Tensor::kthvalue(int64_t k, int64_t dim, bool keepdim) const {
  return ember::kthvalue(*this, k, dim, keepdim);
}
Tensor Tensor::median() const { return ember::median(*this); }
std::tuple<Tensor, Tensor> Tensor::median(int64_t dim, bool keepdim) const {
  return ember::median(*this, dim, keepdim);
}
Tensor Tensor::nanmedian() const { return ember::nanmedian(*this); }
std::tuple<Tensor, Tensor> Tensor::nanmedian(int64_t dim, bool keepdim) const {
  return ember::nanmedian(*this, dim, keepdim);
}
std::tuple<Tensor, Tensor> Tensor::mode(int64_t dim, bool keepdim) const {
  return ember::mode(*this, dim, keepdim);
}
std::tuple<Tensor, Tensor> Tensor::cummax(int64_t dim) const { return ember::cummax(*this, dim); }
std::tuple<Tensor, Tensor> Tensor::cummin(int64_t dim) const { return ember::cummin(*this, dim); }
Tensor Tensor::cumprod(int64_t dim, std::optional<Dtype> dtype) const {
  return ember::cumprod(*this, dim, dtype);
}
Tensor Tensor::logcumsumexp(int64_t dim) const { return ember::logcumsumexp(*this, dim); }

}  // namespace ember
