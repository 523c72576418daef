// The body of index_select: whole slices of one dimension picked by a vector of indices.

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/IndexingOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  EMBER_CHECK(index.defined(), "index_select(): the index tensor is undefined");
  dim = detail::wrap_dim(dim, self.dim());
  EMBER_CHECK(index.dim() <= 1, "index_select(): Index is supposed to be a vector, got {} dims",
              index.dim());
  EMBER_CHECK(!(self.dim() == 0 && index.numel() != 1),
              "index_select(): Index to scalar can have only 1 value, got {} value(s)",
              index.numel());
  EMBER_CHECK(index.dtype() == kLong || index.dtype() == kInt,
              "index_select(): Expected dtype int32 or int64 for index, got {}", index.dtype());
  DimVector sizes(self.sizes());
  if (self.dim() > 0) sizes[dim] = index.numel();
  Tensor out = detail::empty_tensor(sizes, self.dtype(), self.device());
  if (out.numel() == 0) return out;
  const Tensor idx = index.device() == self.device() ? index : index.to(self.device());
  detail::get_kernel<detail::Kernel::index_select>(self.device().type())(out, self, dim, idx);
  return out;
}

}  // namespace ember::native
