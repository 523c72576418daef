// quantile and nanquantile: composites of public ops, as PyTorch's (so the gradient flows
// through sort and gather): sort along the dim (NaNs last), the rank q * (n - 1) of each
// quantile (with NaNs: the last position for quantile, so the result is NaN; over the non-NaN
// count for nanquantile), adjusted to the interpolation mode, then the neighbouring sorted
// values interpolated as torch.lerp does.

#include <cmath>
#include <string>

#include "core/ShapeUtils.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

namespace {

enum class Interpolation { kLinear, kLower, kHigher, kMidpoint, kNearest };

Interpolation parse_interpolation(std::string_view name) {
  if (name == "linear") return Interpolation::kLinear;
  if (name == "lower") return Interpolation::kLower;
  if (name == "higher") return Interpolation::kHigher;
  if (name == "midpoint") return Interpolation::kMidpoint;
  if (name == "nearest") return Interpolation::kNearest;
  EMBER_FAIL(
      "quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but "
      "got {}",
      std::string(name));
}

Tensor quantile_impl(const Tensor& t, const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                     std::string_view interpolation_name, bool ignore_nan) {
  const char* name = ignore_nan ? "nanquantile" : "quantile";
  EMBER_CHECK(t.numel() > 0, "{}() input tensor must be non-empty", name);
  EMBER_CHECK(q.dim() <= 1, "{}() q must be a scalar or 1D tensor", name);
  EMBER_CHECK(t.dtype() == kFloat || t.dtype() == kDouble,
              "{}() input tensor must be either float or double dtype", name);
  EMBER_CHECK(t.dtype() == q.dtype(), "{}() q tensor must be same dtype as the input tensor", name);
  EMBER_CHECK(t.device() == q.device(),
              "{}() q tensor must be on the same device as the input tensor", name);
  const Interpolation mode = parse_interpolation(interpolation_name);
  EMBER_CHECK(q.ge(0).logical_and(q.le(1)).all().item<bool>(),
              "{}() q values must be in the range [0, 1]", name);

  // The output's shape: q's dim first, then the input's with the reduced dim(s) removed or 1.
  DimVector out_shape;
  if (q.dim() == 1) out_shape.push_back(q.numel());
  Tensor sorted;
  if (!dim) {
    if (keepdim) {
      for (int64_t i = 0; i < t.dim(); ++i) out_shape.push_back(1);
    }
    sorted = std::get<0>(t.flatten().sort());
  } else {
    const int64_t d = detail::wrap_dim(*dim, t.dim());
    for (int64_t i = 0; i < t.dim(); ++i) {
      if (i != d) {
        out_shape.push_back(t.size(i));
      } else if (keepdim) {
        out_shape.push_back(1);
      }
    }
    sorted = t.dim() == 0 ? t.reshape({1}) : std::get<0>(t.unsqueeze(-1).transpose(d, -1).sort());
  }
  // sorted: [..., n] with the reduced elements last; q as [..., 1, m] after it.
  sorted = sorted.reshape({-1, sorted.size(-1)}).unsqueeze(1);  // [rows, 1, n]
  const int64_t n = sorted.size(-1);
  const Tensor q1 = q.reshape({1, -1, 1});               // [1, m, 1]
  const Tensor nan_rows = sorted.isnan().any(-1, true);  // [rows, 1, 1]
  Tensor ranks;
  if (ignore_nan) {
    const Tensor valid = sorted.isnan().logical_not().sum(IntArrayRef(-1), true) - 1;
    ranks = q1 * valid;
    ranks = ranks.masked_fill(ranks.lt(0), 0);
  } else {
    const double last = static_cast<double>(n - 1);
    ranks = (q1 * last).masked_fill(nan_rows, last);
  }
  if (mode == Interpolation::kLower) {
    ranks = ranks.floor();
  } else if (mode == Interpolation::kHigher) {
    ranks = ranks.ceil();
  } else if (mode == Interpolation::kNearest) {
    ranks = ranks.round();  // half to even, as PyTorch's round
  }
  const Tensor ranks_below = ranks.to(kLong);
  const Tensor expanded = sorted.expand({sorted.size(0), ranks.size(1), n});
  Tensor values = expanded.gather(-1, ranks_below.expand({sorted.size(0), ranks.size(1), 1}));
  if (mode == Interpolation::kLinear || mode == Interpolation::kMidpoint) {
    const Tensor weights =
        mode == Interpolation::kMidpoint ? full_like(ranks, 0.5) : ranks - ranks_below;
    const Tensor ranks_above = ranks.ceil().to(kLong);
    const Tensor above =
        expanded.gather(-1, ranks_above.expand({sorted.size(0), ranks.size(1), 1}));
    values = ember::lerp(values, above, weights.expand_as(values));  // as PyTorch's quantile
  }
  // [rows, m, 1] -> [m, rows] -> the output shape.
  return values.squeeze(-1).t().reshape(out_shape);
}

}  // namespace

Tensor quantile(const Tensor& t, const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                std::string_view interpolation) {
  return quantile_impl(t, q, dim, keepdim, interpolation, false);
}

Tensor quantile(const Tensor& t, double q, std::optional<int64_t> dim, bool keepdim,
                std::string_view interpolation) {
  EMBER_CHECK(q >= 0 && q <= 1, "quantile() q must be in the range [0, 1] but got {}", q);
  return quantile_impl(t, full({}, q, TensorOptions().dtype(t.dtype()).device(t.device())), dim,
                       keepdim, interpolation, false);
}

Tensor nanquantile(const Tensor& t, const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                   std::string_view interpolation) {
  return quantile_impl(t, q, dim, keepdim, interpolation, true);
}

Tensor nanquantile(const Tensor& t, double q, std::optional<int64_t> dim, bool keepdim,
                   std::string_view interpolation) {
  EMBER_CHECK(q >= 0 && q <= 1, "nanquantile() q must be in the range [0, 1] but got {}", q);
  return quantile_impl(t, full({}, q, TensorOptions().dtype(t.dtype()).device(t.device())), dim,
                       keepdim, interpolation, true);
}

Tensor Tensor::quantile(const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                        std::string_view interpolation) const {
  return ember::quantile(*this, q, dim, keepdim, interpolation);
}
Tensor Tensor::quantile(double q, std::optional<int64_t> dim, bool keepdim,
                        std::string_view interpolation) const {
  return ember::quantile(*this, q, dim, keepdim, interpolation);
}
Tensor Tensor::nanquantile(const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                           std::string_view interpolation) const {
  return ember::nanquantile(*this, q, dim, keepdim, interpolation);
}
Tensor Tensor::nanquantile(double q, std::optional<int64_t> dim, bool keepdim,
                           std::string_view interpolation) const {
  return ember::nanquantile(*this, q, dim, keepdim, interpolation);
}

}  // namespace ember
