// searchsorted and bucketize: PyTorch's argument checks, then the backend's binary search over
// contiguous rows of boundaries (1-d: one sequence for every value) in the two inputs' common
// dtype.

#include <string>

#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace {

void check_searchsorted(const Tensor& boundaries, const Tensor& values, bool right,
                        std::optional<std::string_view> side, const std::optional<Tensor>& sorter) {
  if (side) {
    EMBER_CHECK(*side == "left" || *side == "right",
                "torch.searchsorted(): side can only be 'left' or 'right' but got {}",
                std::string(*side));
    EMBER_CHECK(!right || *side == "right",
                "torch.searchsorted(): side and right can't be set to opposites, got side of {} "
                "while right was True",
                std::string(*side));
  }
  EMBER_CHECK(boundaries.device() == values.device(),
              "torch.searchsorted(): boundaries and input value tensors should be on the same "
              "device, but got {} and {}",
              boundaries.device().str(), values.device().str());
  EMBER_CHECK(boundaries.dim() > 0,
              "torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 "
              "dimension");
  bool leading_match = boundaries.dim() == values.dim();
  for (int64_t i = 0; leading_match && i + 1 < boundaries.dim(); ++i) {
    leading_match = boundaries.size(i) == values.size(i);
  }
  EMBER_CHECK(boundaries.dim() == 1 || leading_match,
              "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
              "dimensions of boundaries tensor and input value tensor must match, but we got "
              "boundaries tensor {} and input value tensor {}",
              boundaries.sizes(), values.sizes());
  if (sorter && sorter->defined()) {
    EMBER_CHECK(sorter->dtype() == kLong,
                "torch.searchsorted(): sorter must be a tensor of long dtype but got {}",
                sorter->dtype());
    EMBER_CHECK(sorter->sizes() == boundaries.sizes(),
                "torch.searchsorted(): boundary and sorter must have the same size, but got "
                "boundary tensor {}and got sorter tensor {}",
                boundaries.sizes(), sorter->sizes());
    if (sorter->numel() > 0) {
      EMBER_CHECK(
          sorter->min().item<int64_t>() >= 0 && sorter->max().item<int64_t>() < boundaries.size(-1),
          "torch.searchsorted(): sorter index out of range");
    }
  }
}

}  // namespace

Tensor searchsorted(const Tensor& sorted_sequence, const Tensor& values, bool out_int32, bool right,
                    std::optional<std::string_view> side, const std::optional<Tensor>& sorter) {
  check_searchsorted(sorted_sequence, values, right, side, sorter);
  const bool upper = right || (side && *side == "right");
  const Dtype common = result_type(sorted_sequence, values);
  const Tensor bd = sorted_sequence.to(common).contiguous();
  // 0-d values search as one element.
  const Tensor v =
      values.dim() == 0 ? values.to(common).reshape({1}) : values.to(common).contiguous();
  const Tensor s = sorter && sorter->defined() ? sorter->contiguous() : Tensor();
  Tensor out = detail::empty_tensor(v.sizes(), out_int32 ? kInt : kLong, v.device());
  if (v.numel() > 0 && bd.size(-1) > 0) {
    detail::get_kernel<detail::Kernel::searchsorted>(v.device().type())(out, bd, v, s, upper);
  } else {
    out.zero_();
  }
  return values.dim() == 0 ? out.reshape({}) : out;
}

Tensor searchsorted(const Tensor& sorted_sequence, const Scalar& value, bool out_int32, bool right,
                    std::optional<std::string_view> side, const std::optional<Tensor>& sorter) {
  const Tensor v = full({}, value,
                        TensorOptions()
                            .dtype(value.isFloatingPoint() ? kDouble : kLong)
                            .device(sorted_sequence.device()));
  return searchsorted(sorted_sequence, v, out_int32, right, side, sorter);
}

Tensor bucketize(const Tensor& t, const Tensor& boundaries, bool out_int32, bool right) {
  EMBER_CHECK(boundaries.dim() == 1, "boundaries tensor must be 1 dimension, but got dim({})",
              boundaries.dim());
  return searchsorted(boundaries, t, out_int32, right);
}

Tensor bucketize(const Scalar& value, const Tensor& boundaries, bool out_int32, bool right) {
  EMBER_CHECK(boundaries.dim() == 1, "boundaries tensor must be 1 dimension, but got dim({})",
              boundaries.dim());
  return searchsorted(boundaries, value, out_int32, right);
}

}  // namespace ember
