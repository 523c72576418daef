// flip, roll and repeat: copies that move whole slices, written as index_select / cat /
// expand so that they run on every device.

#include "core/ShapeUtils.h"
#include "core/ops/IndexingOps.h"
#include "core/ops/ShapeOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

Tensor flip(const Tensor& t, IntArrayRef dims) {
  uint64_t seen = 0;
  for (int64_t d : dims) {
    const int64_t w = detail::wrap_dim(d, t.dim());
    EMBER_CHECK(!(seen & (1ULL << w)), "dim {} appears multiple times in the list of dims", w);
    seen |= 1ULL << w;
  }
  Tensor out = t;
  for (int64_t d = 0; d < t.dim(); ++d) {
    const int64_t n = t.sizes()[d];
    if (!(seen & (1ULL << d)) || n <= 1) continue;
    const Tensor reversed = arange(n - 1, -1, -1, TensorOptions().dtype(kLong).device(t.device()));
    out = native::index_select(out, d, reversed);
  }
  return out.is_same(t) ? t.clone() : out;
}

Tensor roll(const Tensor& t, IntArrayRef shifts, IntArrayRef dims) {
  EMBER_CHECK(!shifts.empty(), "`shifts` required");
  if (dims.empty() && shifts.size() == 1) {
    return native::roll(t.flatten(), shifts, {0}).view(t.sizes());
  }
  EMBER_CHECK(shifts.size() == dims.size(), "shifts and dimensions must align. shifts: {}, dims:{}",
              shifts.size(), dims.size());
  Tensor out = t;
  for (size_t i = 0; i < dims.size(); ++i) {
    const int64_t d = detail::wrap_dim(dims[i], t.dim());
    const int64_t n = t.dim() == 0 ? 1 : t.sizes()[d];
    if (n == 0) continue;
    const int64_t shift = ((shifts[i] % n) + n) % n;
    if (shift == 0) continue;
    out = cat({out.narrow(d, n - shift, shift), out.narrow(d, 0, n - shift)}, d);
  }
  return out.is_same(t) ? t.clone() : out;
}

// Dim i of the input (padded with leading ones) becomes the pair (repeats[i], size[i]) of an
// expanded view, which one contiguous copy lays out as the result.
Tensor repeat(const Tensor& t, IntArrayRef repeats) {
  const int64_t n = static_cast<int64_t>(repeats.size());
  EMBER_CHECK(n >= t.dim(),
              "Number of dimensions of repeat dims can not be smaller than number of dimensions "
              "of tensor");
  DimVector padded(static_cast<size_t>(n - t.dim()), 1);
  for (int64_t size : t.sizes()) padded.push_back(size);
  DimVector target, pairs, expanded;
  for (int64_t i = 0; i < n; ++i) target.push_back(padded[i] * repeats[i]);
  for (int64_t i = 0; i < n; ++i) {
    EMBER_CHECK(target[i] >= 0, "Trying to create tensor with negative dimension {}: {}", target[i],
                target);
  }
  for (int64_t i = 0; i < n; ++i) {
    pairs.push_back(1);
    pairs.push_back(padded[i]);
    expanded.push_back(repeats[i]);
    expanded.push_back(padded[i]);
  }
  Tensor out = empty(expanded, TensorOptions().dtype(t.dtype()).device(t.device()));
  out.copy_(t.reshape(pairs).expand(expanded));
  return out.view(target);
}

}  // namespace ember::native
