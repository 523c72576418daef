// Public tril / triu (TrilBackward0, TriuBackward0, also in place), diag_embed
// (DiagEmbedBackward0), trace (TraceBackward0) and the composite diag. diagonal, a view, is
// in core/api/Views.cpp.

#include "core/ShapeUtils.h"
#include "core/api/RecordedOp.h"
#include "core/ops/ShapeOps.h"
#include "core/ops/WhereOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;

// tril, triu: int0 = the diagonal.
Tensor tril(const Tensor& t, int64_t diagonal) {
  return detail::recorded_op(
      GradOp::tril, {t}, [&] { return native::tril(t, diagonal); },
      [&] { return detail::int_attrs(diagonal); });
}
Tensor triu(const Tensor& t, int64_t diagonal) {
  return detail::recorded_op(
      GradOp::triu, {t}, [&] { return native::triu(t, diagonal); },
      [&] { return detail::int_attrs(diagonal); });
}
Tensor Tensor::tril(int64_t diagonal) const { return ember::tril(*this, diagonal); }
Tensor Tensor::triu(int64_t diagonal) const { return ember::triu(*this, diagonal); }

namespace {
Tensor& triangle_(Tensor& self, int64_t diagonal, bool lower) {
  EMBER_CHECK(self.dim() >= 2, "{}: input tensor must have at least 2 dimensions",
              lower ? "tril_" : "triu_");
  detail::InplaceGuard guard(self, lower ? "tril_" : "triu_", lower ? GradOp::tril : GradOp::triu,
                             {self}, detail::int_attrs(diagonal));
  const Tensor keep =
      native::triangle_mask(self.size(-2), self.size(-1), diagonal, lower, self.device());
  native::masked_fill_(self, keep.logical_not(), 0);
  return guard.commit();
}
}  // namespace

Tensor& Tensor::tril_(int64_t diagonal) { return triangle_(*this, diagonal, true); }
Tensor& Tensor::triu_(int64_t diagonal) { return triangle_(*this, diagonal, false); }

// diag_embed: int0 = offset, int1, int2 = the dims (wrapped in the output).
Tensor diag_embed(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2) {
  return detail::recorded_op(
      GradOp::diag_embed, {t}, [&] { return native::diag_embed(t, offset, dim1, dim2); },
      [&] {
        return detail::int_attrs(offset, detail::wrap_dim(dim1, t.dim() + 1),
                                 detail::wrap_dim(dim2, t.dim() + 1));
      });
}
Tensor Tensor::diag_embed(int64_t offset, int64_t dim1, int64_t dim2) const {
  return ember::diag_embed(*this, offset, dim1, dim2);
}

Tensor trace(const Tensor& t) {
  return detail::recorded_op(
      GradOp::trace, {t}, [&] { return native::trace(t); }, [] { return detail::OpAttrs{}; });
}
Tensor Tensor::trace() const { return ember::trace(*this); }

Tensor diag(const Tensor& t, int64_t diagonal) {
  EMBER_CHECK(t.dim() == 1 || t.dim() == 2, "diag(): Supports 1D or 2D tensors. Got {}D", t.dim());
  if (t.dim() == 1) return t.diag_embed(diagonal, 0, 1);
  return t.diagonal(diagonal).clone();
}
Tensor Tensor::diag(int64_t diagonal) const { return ember::diag(*this, diagonal); }

}  // namespace ember
