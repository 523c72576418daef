// constant_pad_nd and the reflection / replication pads: constant padding copies the input
// into a filled result; the others read every output position from an input position
// (pad_source_index), one index_select per padded dim.

#include <algorithm>

#include "core/ShapeUtils.h"
#include "core/ops/IndexingOps.h"
#include "core/ops/ShapeOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

Tensor constant_pad_nd(const Tensor& t, IntArrayRef pad, const Scalar& value) {
  const int64_t n = static_cast<int64_t>(pad.size());
  EMBER_CHECK(n % 2 == 0, "Length of pad must be even but instead it equals {}", n);
  EMBER_CHECK(n / 2 <= t.dim(),
              "Length of pad should be no more than twice the number of dimensions of the "
              "input. Pad length is {} while the input has {} dimensions.",
              n, t.dim());
  DimVector sizes(t.sizes());
  for (int64_t i = 0; i < n / 2; ++i) {
    const int64_t d = t.dim() - 1 - i;
    const int64_t padded = t.sizes()[d] + pad[2 * i] + pad[2 * i + 1];
    EMBER_CHECK(padded >= 0,
                "The input size {}, plus negative padding {} and {} resulted in a negative "
                "output size, which is invalid. Check dimension {} of your input.",
                t.sizes()[d], pad[2 * i], pad[2 * i + 1], d);
    sizes[static_cast<size_t>(d)] = padded;
  }
  Tensor out = full(sizes, value, TensorOptions().dtype(t.dtype()).device(t.device()));
  Tensor in_window = t, out_window = out;
  for (int64_t i = 0; i < n / 2; ++i) {
    const int64_t d = t.dim() - 1 - i;
    const int64_t left = pad[2 * i], right = pad[2 * i + 1];
    const int64_t kept = t.sizes()[d] + std::min<int64_t>(left, 0) + std::min<int64_t>(right, 0);
    if (kept <= 0) return out;
    in_window = in_window.narrow(d, std::max<int64_t>(-left, 0), kept);
    out_window = out_window.narrow(d, std::max<int64_t>(left, 0), kept);
  }
  out_window.copy_(in_window);
  return out;
}

Tensor pad_source_index(int64_t size, int64_t left, int64_t right, int mode, Device device) {
  const int64_t out_size = size + left + right;
  std::vector<int64_t> source(static_cast<size_t>(std::max<int64_t>(out_size, 0)));
  for (int64_t o = 0; o < out_size; ++o) {
    int64_t i = o - left;
    if (mode == 0) {
      if (i < 0) i = -i;
      if (i >= size) i = 2 * (size - 1) - i;
    } else if (mode == 1) {
      i = std::clamp<int64_t>(i, 0, size - 1);
    } else {
      // Circular padding wraps around what is left after negative padding crops.
      const int64_t crop_left = std::max<int64_t>(-left, 0);
      const int64_t kept = size - crop_left - std::max<int64_t>(-right, 0);
      EMBER_CHECK(kept > 0,
                  "Negative padding value is resulting in an empty dimension (size {}, padding "
                  "{}, {})",
                  size, left, right);
      const int64_t from = o - std::max<int64_t>(left, 0);
      i = crop_left + ((from % kept) + kept) % kept;
    }
    source[static_cast<size_t>(o)] = i;
  }
  return tensor(source, TensorOptions().dtype(kLong)).to(device);
}

Tensor index_pad(const Tensor& t, IntArrayRef pad, bool replicate) {
  Tensor out = t;
  for (size_t i = 0; i < pad.size() / 2; ++i) {
    const int64_t d = t.dim() - 1 - static_cast<int64_t>(i);
    const int64_t left = pad[2 * i], right = pad[2 * i + 1], size = t.sizes()[d];
    EMBER_CHECK(size + left + right >= 0,
                "input ({}) has a padded size below 0 at dimension {} (padding {}, {})", t.sizes(),
                d, left, right);
    out = native::index_select(out, d,
                               pad_source_index(size, left, right, replicate ? 1 : 0, t.device()));
  }
  return out;
}

}  // namespace ember::native
