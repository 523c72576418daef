// constant_pad_nd (ConstantPadNdBackward0), the reflection and replication pads
// (ReflectionPad{1,2,3}DBackward0, ReplicationPad{1,2,3}DBackward0) and at::pad, which picks
// one by mode; circular padding is a composite (index_select), as PyTorch's is of cat.

#include "core/api/RecordedOp.h"
#include "core/ops/IndexingOps.h"
#include "core/ops/ShapeOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

// constant_pad_nd: ints = the padding.
Tensor constant_pad_nd(const Tensor& t, IntArrayRef pad, const Scalar& value) {
  return detail::recorded_op(
      GradOp::constant_pad_nd, {t}, [&] { return native::constant_pad_nd(t, pad, value); },
      [&] { return detail::int_attrs(0, 0, 0, pad); });
}

namespace {

// The reflection / replication pads: the last pad.size() / 2 dims of a tensor of one or two
// more dims (a batch, or a batch and channels). ints = the padding.
Tensor index_pad(const Tensor& t, IntArrayRef pad, bool replicate) {
  const int64_t padded_dims = static_cast<int64_t>(pad.size()) / 2;
  EMBER_CHECK(padded_dims >= 1 && padded_dims <= 3 &&
                  (t.dim() == padded_dims + 1 || t.dim() == padded_dims + 2),
              "Padding size {} is not supported for {}D input tensor.", pad.size(), t.dim());
  for (int64_t i = 0; i < padded_dims; ++i) {
    const int64_t d = t.dim() - 1 - i;
    if (replicate) {
      EMBER_CHECK(t.sizes()[d] > 0,
                  "Expected a tensor with possibly 0 batch size and other non-zero dimensions "
                  "for input, but got: {}",
                  t.sizes());
    } else {
      EMBER_CHECK(pad[2 * i] < t.sizes()[d] && pad[2 * i + 1] < t.sizes()[d],
                  "Argument #4: Padding size should be less than the corresponding input "
                  "dimension, but got: padding ({}, {}) at dimension {} of input {}",
                  pad[2 * i], pad[2 * i + 1], d, t.sizes());
    }
  }
  EMBER_CHECK(!(replicate && t.dtype() == kBool),
              "\"replication_pad{}d\" not implemented for 'Bool'", padded_dims);
  EMBER_CHECK(replicate || t.dtype() != kBool, "\"reflection_pad{}d\" not implemented for 'Bool'",
              padded_dims);
  static constexpr GradOp kReflect[] = {GradOp::reflect1d, GradOp::reflect2d, GradOp::reflect3d};
  static constexpr GradOp kReplicate[] = {GradOp::replicate1d, GradOp::replicate2d,
                                          GradOp::replicate3d};
  const GradOp op = (replicate ? kReplicate : kReflect)[padded_dims - 1];
  return detail::recorded_op(
      op, {t}, [&] { return native::index_pad(t, pad, replicate); },
      [&] { return detail::int_attrs(0, 0, 0, pad); });
}

Tensor circular_pad(const Tensor& t, IntArrayRef pad) {
  const int64_t padded_dims = static_cast<int64_t>(pad.size()) / 2;
  EMBER_CHECK(padded_dims >= 1 && padded_dims <= 3 &&
                  (t.dim() == padded_dims + 1 || t.dim() == padded_dims + 2),
              "Padding size {} is not supported for {}D input tensor.", pad.size(), t.dim());
  Tensor out = t;
  for (int64_t i = 0; i < padded_dims; ++i) {
    const int64_t d = t.dim() - 1 - i, size = t.sizes()[d];
    EMBER_CHECK(pad[2 * i] <= size && pad[2 * i + 1] <= size,
                "Padding value causes wrapping around more than once.");
    EMBER_CHECK(size + pad[2 * i] + pad[2 * i + 1] >= 0,
                "Negative padding value is resulting in an empty dimension (padding ({}, {}) "
                "at dimension {} of input {})",
                pad[2 * i], pad[2 * i + 1], d, t.sizes());
    out = out.index_select(
        d, native::pad_source_index(size, pad[2 * i], pad[2 * i + 1], 2, t.device()));
  }
  return out;
}

}  // namespace

Tensor pad(const Tensor& t, IntArrayRef pad, std::string_view mode, std::optional<double> value) {
  EMBER_CHECK(pad.size() % 2 == 0, "Padding length must be divisible by 2");
  EMBER_CHECK(static_cast<int64_t>(pad.size()) / 2 <= t.dim(),
              "Padding length should be less than or equal to two times the input dimension but "
              "got padding length {} and input of dimension {}",
              pad.size(), t.dim());
  if (mode == "constant") return constant_pad_nd(t, pad, value.value_or(0.0));
  EMBER_CHECK(mode == "reflect" || mode == "replicate" || mode == "circular",
              "Unrecognised padding mode {}", mode);
  EMBER_CHECK(!value.has_value() || *value == 0.0,
              "Padding mode \"{}\" doesn't take in value argument", mode);
  if (mode == "circular") return circular_pad(t, pad);
  return index_pad(t, pad, mode == "replicate");
}

}  // namespace ember
