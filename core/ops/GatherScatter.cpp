// The bodies of gather, scatter_add_ and scatter_reduce_'s prod / amax / amin: element-wise
// indexing along one dimension, with PyTorch's shape rules (the index may be smaller than self and
// src in every dimension but the indexed one).

#include <algorithm>

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/AdvancedIndexing.h"
#include "core/ops/IndexingOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

namespace {

// 0-d tensors count as 1-d tensors of one element.
int64_t nonempty_dim(const Tensor& t) { return std::max<int64_t>(t.dim(), 1); }
int64_t nonempty_size(const Tensor& t, int64_t d) { return t.dim() == 0 ? 1 : t.sizes()[d]; }

Tensor on_device(const Tensor& t, Device device) { return t.device() == device ? t : t.to(device); }

}  // namespace

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index) {
  EMBER_CHECK(index.defined(), "gather(): the index tensor is undefined");
  dim = detail::wrap_dim(dim, self.dim());
  Tensor out = detail::empty_tensor(index.sizes(), self.dtype(), self.device());
  if (index.numel() == 0) return out;
  EMBER_CHECK(index.dtype() == kLong, "gather(): Expected dtype int64 for index, got {}",
              index.dtype());
  EMBER_CHECK(nonempty_dim(self) == nonempty_dim(index),
              "Index tensor must have the same number of dimensions as input tensor (got {} and "
              "{})",
              index.dim(), self.dim());
  for (int64_t d = 0; d < nonempty_dim(self); ++d) {
    EMBER_CHECK(d == dim || nonempty_size(index, d) <= nonempty_size(self, d),
                "Size does not match at dimension {} expected index {} to be smaller than self {} "
                "apart from dimension {}",
                d, index.sizes(), self.sizes(), dim);
  }
  detail::get_kernel<detail::Kernel::gather>(self.device().type())(out, self, dim,
                                                                   on_device(index, self.device()));
  return out;
}

namespace {

// scatter_add_'s checks (PyTorch's messages name scatter_add), then launch(self, dim, index,
// src) with the index on self's device and neither operand aliasing self.
template <class Launch>
Tensor& checked_scatter(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                        Launch&& launch) {
  EMBER_CHECK(index.defined() && src.defined(), "scatter_add_(): index and src must be defined");
  dim = detail::wrap_dim(dim, self.dim());
  if (index.numel() != 0) {
    EMBER_CHECK(index.dtype() == kLong, "scatter_add(): Expected dtype int64 for index, got {}",
                index.dtype());
  }
  EMBER_CHECK(self.dtype() == src.dtype(),
              "scatter_add(): Expected self.dtype to be equal to src.dtype (got {} and {})",
              self.dtype(), src.dtype());
  if (index.numel() == 0) return self;
  EMBER_CHECK(nonempty_dim(self) == nonempty_dim(index),
              "Index tensor must have the same number of dimensions as self tensor (got {} and "
              "{})",
              index.dim(), self.dim());
  EMBER_CHECK(nonempty_dim(src) == nonempty_dim(index),
              "Index tensor must have the same number of dimensions as src tensor (got {} and {})",
              index.dim(), src.dim());
  bool fits = true;
  for (int64_t d = 0; d < nonempty_dim(self); ++d) {
    const int64_t n = nonempty_size(index, d);
    fits = fits && n <= nonempty_size(src, d) && (d == dim || n <= nonempty_size(self, d));
  }
  EMBER_CHECK(fits,
              "Expected index {} to be smaller than self {} apart from dimension {} and to be "
              "smaller size than src {}",
              index.sizes(), self.sizes(), dim, src.sizes());
  EMBER_CHECK(src.device() == self.device(),
              "scatter_add_(): Expected all tensors to be on the same device, but found at least "
              "two devices, {} and {}!",
              self.device().str(), src.device().str());
  EMBER_CHECK(!detail::has_internal_overlap(self),
              "scatter_add_(): unsupported operation: more than one element of the written-to "
              "tensor refers to a single memory location. Please clone() the tensor before "
              "performing the operation.");
  // Reading src (or the index) from memory this op writes would see partial results.
  const Tensor s = src.storage().is_alias_of(self.storage()) ? src.clone() : src;
  Tensor idx = on_device(index, self.device());
  if (idx.storage().is_alias_of(self.storage())) idx = idx.clone();
  launch(self, dim, idx, s);
  return self;
}

}  // namespace

Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return checked_scatter(self, dim, index, src,
                         [](const Tensor& out, int64_t d, const Tensor& idx, const Tensor& values) {
                           detail::get_kernel<detail::Kernel::scatter_add>(out.device().type())(
                               out, d, idx, values);
                         });
}

Tensor& scatter_reduce_elements_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                                 detail::ScatterReduction reduce) {
  return checked_scatter(
      self, dim, index, src,
      [reduce](const Tensor& out, int64_t d, const Tensor& idx, const Tensor& values) {
        detail::get_kernel<detail::Kernel::scatter_reduce>(out.device().type())(out, d, idx, values,
                                                                                reduce);
      });
}

}  // namespace ember::native
