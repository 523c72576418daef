// kthvalue, median, nanmedian and mode along a dim, written on one stable ascending sort
// (NaNs last): the k-th element; the middle one (or the first NaN: median propagates NaN;
// nanmedian takes the middle of the non-NaN ones); the longest run of equal values (the
// smallest of equally long ones, as PyTorch) at its last element, which a stable sort makes
// the value's last occurrence. Being public ops, they run on every device.
//
// Ties: PyTorch's CPU kthvalue and median select with a quickselect and do not specify which
// of equal elements' index they return; here it is the k-th in stable order.

#include "core/ShapeUtils.h"
#include "core/ops/SortingOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::native {

namespace {

// Picks the elements of `sorted` / `indices` at positions `pos` (int64, dim kept as 1).
std::tuple<Tensor, Tensor> pick(const Tensor& sorted, const Tensor& indices, int64_t dim,
                                const Tensor& pos, bool keepdim) {
  Tensor values = sorted.gather(dim, pos);
  Tensor idx = indices.gather(dim, pos);
  if (!keepdim) {
    values = values.squeeze(dim);
    idx = idx.squeeze(dim);
  }
  return {values, idx};
}

std::tuple<Tensor, Tensor> of_scalar(const Tensor& t) {
  return {t.clone(), zeros({}, TensorOptions().dtype(kLong).device(t.device()))};
}

Tensor long_full(const Tensor& like, int64_t dim, int64_t value) {
  DimVector sizes(like.sizes());
  sizes[dim] = 1;
  return full(sizes, value, TensorOptions().dtype(kLong).device(like.device()));
}

}  // namespace

std::tuple<Tensor, Tensor> kthvalue(const Tensor& t, int64_t k, int64_t dim, bool keepdim) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  const int64_t size = t.dim() == 0 ? 1 : t.size(d);
  EMBER_CHECK(k >= 1 && k <= size,
              "kthvalue(): selected number k out of range for dimension {} (k = {}, size {})", d, k,
              size);
  if (t.dim() == 0) return of_scalar(t);
  auto [sorted, indices] = native::sort(t, d, false);
  return pick(sorted, indices, d, long_full(t, d, k - 1), keepdim);
}

std::tuple<Tensor, Tensor> median(const Tensor& t, int64_t dim, bool keepdim, bool ignore_nan) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  const char* name = ignore_nan ? "nanmedian" : "median";
  EMBER_CHECK(t.dim() == 0 || t.size(d) != 0,
              "{}(): Expected reduction dim {} to have non-zero size.", name, d);
  if (t.dim() == 0) return of_scalar(t);
  const int64_t n = t.size(d);
  auto [sorted, indices] = native::sort(t, d, false);
  if (!is_floating_type(t.dtype())) {
    return pick(sorted, indices, d, long_full(t, d, (n - 1) / 2), keepdim);
  }
  // NaNs sort last: `nans` of them per line.
  const Tensor nans = sorted.isnan().sum(IntArrayRef(d), true);
  Tensor pos;
  if (ignore_nan) {
    // The lower middle of the n - nans numbers (position 0, a NaN, when all are NaN).
    pos = ((n - 1 - nans).clamp_min(0).to(kDouble) / 2).floor().to(kLong);
  } else {
    pos = where(nans.gt(0), n - nans, long_full(t, d, (n - 1) / 2));
  }
  return pick(sorted, indices, d, pos, keepdim);
}

Tensor median_all(const Tensor& t, bool ignore_nan) {
  if (t.numel() == 0) {
    return full({}, std::numeric_limits<double>::quiet_NaN(),
                TensorOptions().dtype(t.dtype()).device(t.device()));
  }
  return std::get<0>(native::median(t.reshape({-1}), 0, false, ignore_nan));
}

std::tuple<Tensor, Tensor> mode(const Tensor& t, int64_t dim, bool keepdim) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  EMBER_CHECK(t.dim() == 0 || t.size(d) != 0,
              "mode(): Expected reduction dim {} to have non-zero size.", d);
  if (t.dim() == 0) return of_scalar(t);
  const int64_t n = t.size(d);
  auto [sorted, indices] = native::sort(t, d, false);
  // Runs of equal values: each element's run number, then each run's length.
  const Tensor first = ones_like(sorted.narrow(d, 0, 1), TensorOptions().dtype(kBool));
  const Tensor starts =
      n == 1 ? first : cat({first, sorted.narrow(d, 1, n - 1).ne(sorted.narrow(d, 0, n - 1))}, d);
  const Tensor run = starts.cumsum(d) - 1;
  const Tensor lengths = zeros_like(run).scatter_add(d, run, ones_like(run));
  // The first longest run holds the smallest of the most frequent values; its last element
  // is that value's last occurrence.
  const Tensor best = lengths.argmax(d, true);
  const Tensor pos = lengths.cumsum(d).gather(d, best) - 1;
  return pick(sorted, indices, d, pos, keepdim);
}

}  // namespace ember::native
