// Public flip (FlipBackward0), roll (RollBackward0), repeat (RepeatBackward0), and the
// composites repeat_interleave (index_select) and tile (repeat).

#include <vector>

#include "core/ShapeUtils.h"
#include "core/api/RecordedOp.h"
#include "core/ops/ShapeOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

// flip: ints = the dims.
Tensor flip(const Tensor& t, IntArrayRef dims) {
  return detail::recorded_op(
      GradOp::flip, {t}, [&] { return native::flip(t, dims); },
      [&] { return detail::int_attrs(0, 0, 0, dims); });
}
Tensor Tensor::flip(IntArrayRef dims) const { return ember::flip(*this, dims); }

// roll: ints = the shifts, ints2 = the dims.
Tensor roll(const Tensor& t, IntArrayRef shifts, IntArrayRef dims) {
  return detail::recorded_op(
      GradOp::roll, {t}, [&] { return native::roll(t, shifts, dims); },
      [&] {
        OpAttrs attrs = detail::int_attrs(0, 0, 0, shifts);
        attrs.ints2.assign(dims.begin(), dims.end());
        return attrs;
      });
}
Tensor Tensor::roll(IntArrayRef shifts, IntArrayRef dims) const {
  return ember::roll(*this, shifts, dims);
}

// repeat: ints = the repeats.
Tensor Tensor::repeat(IntArrayRef repeats) const {
  return detail::recorded_op(
      GradOp::repeat, {*this}, [&] { return native::repeat(*this, repeats); },
      [&] { return detail::int_attrs(0, 0, 0, repeats); });
}

Tensor tile(const Tensor& t, IntArrayRef dims) {
  if (static_cast<int64_t>(dims.size()) >= t.dim()) return t.repeat(dims);
  DimVector padded(static_cast<size_t>(t.dim()) - dims.size(), 1);
  for (int64_t d : dims) padded.push_back(d);
  return t.repeat(padded);
}
Tensor Tensor::tile(IntArrayRef dims) const { return ember::tile(*this, dims); }

Tensor repeat_interleave(const Tensor& repeats, std::optional<int64_t> output_size) {
  EMBER_CHECK(repeats.dim() == 1, "repeat_interleave only accept 1D vector as repeat");
  EMBER_CHECK(repeats.dtype() == kLong || repeats.dtype() == kInt,
              "repeats has to be Long or Int tensor, got {}", repeats.dtype());
  const Tensor counts = repeats.cpu().to(kLong).contiguous();
  const int64_t* count = counts.data_ptr<int64_t>();
  std::vector<int64_t> index;
  for (int64_t i = 0; i < counts.numel(); ++i) {
    EMBER_CHECK(count[i] >= 0, "repeats can not be negative");
    index.insert(index.end(), static_cast<size_t>(count[i]), i);
  }
  EMBER_CHECK(!output_size || *output_size == static_cast<int64_t>(index.size()),
              "allocated size does not match required size (output_size {}, repeats sum to {})",
              output_size.value_or(0), index.size());
  return tensor(index, TensorOptions().dtype(kLong)).to(repeats.dtype()).to(repeats.device());
}

Tensor repeat_interleave(const Tensor& t, const Tensor& repeats, std::optional<int64_t> dim,
                         std::optional<int64_t> output_size) {
  const Tensor input = dim ? t : t.flatten();
  const int64_t d = dim ? detail::wrap_dim(*dim, t.dim()) : 0;
  EMBER_CHECK(repeats.dim() <= 1, "repeats must be 0-dim or 1-dim tensor");
  EMBER_CHECK(repeats.dtype() == kLong || repeats.dtype() == kInt,
              "\"repeat_interleave_cpu\" not implemented for '{}'", repeats.dtype());
  const int64_t size = input.dim() == 0 ? 1 : input.sizes()[d];
  Tensor counts = repeats.reshape({-1});
  if (counts.numel() == 1) {
    counts = counts.expand({size});
  } else {
    EMBER_CHECK(counts.numel() == size,
                "repeats must have the same size as input along dim, but got repeats.size(0) = "
                "{} and input.size({}) = {}",
                counts.numel(), d, size);
  }
  const Tensor index = ember::repeat_interleave(counts, output_size).to(kLong).to(t.device());
  return input.dim() == 0 ? input.reshape({1}).index_select(0, index)
                          : input.index_select(d, index);
}

Tensor repeat_interleave(const Tensor& t, int64_t repeats, std::optional<int64_t> dim,
                         std::optional<int64_t> output_size) {
  EMBER_CHECK(repeats >= 0, "Repeats must be non-negative");
  return ember::repeat_interleave(t, full({1}, repeats, TensorOptions().dtype(kLong)), dim,
                                  output_size);
}

Tensor Tensor::repeat_interleave(const Tensor& repeats, std::optional<int64_t> dim,
                                 std::optional<int64_t> output_size) const {
  return ember::repeat_interleave(*this, repeats, dim, output_size);
}
Tensor Tensor::repeat_interleave(int64_t repeats, std::optional<int64_t> dim,
                                 std::optional<int64_t> output_size) const {
  return ember::repeat_interleave(*this, repeats, dim, output_size);
}

}  // namespace ember
