// bincount and histc, composites of public ops (so they run on every device): values or bin
// positions scatter-added into a zero histogram. histc places elements as PyTorch's linear
// histogram kernel: position (x - min) * bins / (max - min) truncated, then corrected against
// the bin edges (linspace(min, max, bins + 1)) on either side, the last bin closed.

#include <cmath>

#include "core/DtypeDispatch.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

Tensor bincount(const Tensor& t, const std::optional<Tensor>& weights, int64_t minlength) {
  EMBER_CHECK(minlength >= 0, "minlength should be >= 0");
  if (!is_integral_type(t.dtype(), false)) {
    detail::throw_dtype_not_implemented("bincount", t.dtype(), t.device().type());
  }
  EMBER_CHECK(t.dim() == 1, "bincount only supports 1-d non-negative integral inputs.");
  const bool weighted = weights.has_value() && weights->defined();
  if (weighted) {
    EMBER_CHECK(weights->dim() == 1 && weights->size(0) == t.size(0),
                "weights should be 1-d and have the same length as input");
  }
  // Integer weights sum in double, floating ones in their own dtype (as PyTorch).
  const Dtype dtype = !weighted                            ? kLong
                      : is_floating_type(weights->dtype()) ? weights->dtype()
                                                           : kDouble;
  const TensorOptions options = TensorOptions().dtype(dtype).device(t.device());
  if (t.numel() == 0) return zeros({minlength}, options);
  const Tensor index = t.to(kLong);
  EMBER_CHECK(index.min().item<int64_t>() >= 0,
              "bincount only supports 1-d non-negative integral inputs.");
  const int64_t bins = std::max(minlength, index.max().item<int64_t>() + 1);
  const Tensor src = weighted ? weights->to(dtype) : ones({t.numel()}, options);
  return zeros({bins}, options).scatter_add(0, index, src);
}

Tensor histc(const Tensor& t, int64_t bins, const Scalar& min, const Scalar& max) {
  if (t.dtype() != kFloat && t.dtype() != kDouble) {
    detail::throw_dtype_not_implemented("histc", t.dtype(), t.device().type());
  }
  EMBER_CHECK(bins > 0, "torch.histogram(): bins must be > 0, but got {} for dimension 0", bins);
  double lo = min.toDouble(), hi = max.toDouble();
  if (lo == hi && t.numel() > 0) {
    lo = t.min().item<double>();
    hi = t.max().item<double>();
  }
  EMBER_CHECK(!(lo > hi), "torch.histc: max must be larger than min");
  if (lo == hi) {
    lo -= 1;
    hi += 1;
  }
  EMBER_CHECK(std::isfinite(lo) && std::isfinite(hi),
              "torch.histc: range of [{}, {}] is not finite", lo, hi);
  const TensorOptions options = TensorOptions().dtype(t.dtype()).device(t.device());
  if (t.numel() == 0) return zeros({bins}, options);
  const Tensor x = t.reshape({-1});
  const Tensor in_range = x.ge(lo).logical_and(x.le(hi));  // NaNs are outside
  const Tensor safe_x = where(in_range, x, full_like(x, lo));
  // The edges in the input's dtype, as PyTorch's linspace of them.
  const Tensor edges = linspace(lo, hi, bins + 1, options);
  const Tensor first =
      ((safe_x - lo) * static_cast<double>(bins) / (hi - lo)).to(kLong).clamp(0, bins);
  // Correction: the last edge at or below x among those at first-1 .. first+1.
  const Tensor window_begin = (first - 1).clamp_min(0);
  const Tensor window_end = (first + 2).clamp_max(bins + 1);
  Tensor at_or_below = zeros_like(first);
  for (int64_t offset = 0; offset < 3; ++offset) {
    const Tensor j = window_begin + offset;
    const Tensor edge = edges.gather(0, j.clamp_max(bins));
    at_or_below = at_or_below + j.lt(window_end).logical_and(edge.le(safe_x)).to(kLong);
  }
  const Tensor pos = (window_begin - 1 + at_or_below).clamp(0, bins - 1);  // last bin closed
  return zeros({bins}, options).scatter_add(0, pos, in_range.to(t.dtype()));
}

Tensor Tensor::bincount(const std::optional<Tensor>& weights, int64_t minlength) const {
  return ember::bincount(*this, weights, minlength);
}

Tensor Tensor::histc(int64_t bins, const Scalar& min, const Scalar& max) const {
  return ember::histc(*this, bins, min, max);
}

}  // namespace ember
