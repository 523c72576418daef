// index_add_, index_copy_, index_fill_, scatter_ and scatter_reduce_: writes at the slices
// (or elements) an index names along one dim, over the scatter_add and index_put_ kernels.

#include <vector>

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/ops/AdvancedIndexing.h"
#include "core/ops/IndexingOps.h"
#include "core/ops/ScalarRange.h"
#include "core/ops/ShapeOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::native {

namespace {

int64_t size_or_one(const Tensor& t, int64_t d) { return t.dim() == 0 ? 1 : t.sizes()[d]; }

// The slots of index_put_ that index dim `dim` with `index` and take the other dims whole.
std::vector<Tensor> slots_at(int64_t dim, const Tensor& index) {
  std::vector<Tensor> slots(static_cast<size_t>(dim) + 1);
  slots.back() = index;
  return slots;
}

// A 1-d index (0-d counts as one element) read on the host, each entry checked against
// [lowest, size): the ops whose kernels would accept a negative index check here.
void check_index_range(const Tensor& index, int64_t lowest, int64_t size, int64_t dim,
                       const char* prefix) {
  const Tensor host = index.reshape({-1}).cpu().to(kLong).contiguous();
  const int64_t* values = host.data_ptr<int64_t>();
  for (int64_t i = 0; i < host.numel(); ++i) {
    EMBER_CHECK(values[i] >= lowest && values[i] < size,
                "{}index {} is out of bounds for dimension {} with size {}", prefix, values[i], dim,
                size);
  }
}

// The index of an along-dim op as scatter_add_ takes it: int64, shaped [1, .., n, .., 1] and
// expanded to `shape`.
Tensor expanded_index(const Tensor& index, int64_t dim, IntArrayRef shape) {
  if (shape.empty()) return index.to(kLong).reshape({});
  DimVector view_shape(shape.size(), 1);
  view_shape[static_cast<size_t>(dim)] = index.numel();
  return index.to(kLong).reshape(view_shape).expand(shape);
}

void check_same_slices(const Tensor& self, const Tensor& source, int64_t dim, bool* same) {
  *same = self.dim() == source.dim() || (self.dim() <= 1 && source.dim() <= 1);
  for (int64_t d = 0; *same && d < self.dim() && d < source.dim(); ++d) {
    if (d != dim && self.sizes()[d] != source.sizes()[d]) *same = false;
  }
}

}  // namespace

Tensor& index_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha) {
  dim = detail::wrap_dim(dim, self.dim());
  EMBER_CHECK(index.dim() <= 1,
              "index_add_(): Index is supposed to be a vector, but got dim: {} with type: {} and "
              "size: {}",
              index.dim(), index.dtype(), index.sizes());
  EMBER_CHECK(index.dtype() == kLong || index.dtype() == kInt,
              "index_add_(): Expected dtype int32/int64 for index but got: {}", index.dtype());
  EMBER_CHECK(self.dtype() == source.dtype(),
              "index_add_(): self ({}) and source ({}) must have the same scalar type",
              self.dtype(), source.dtype());
  bool same = false;
  check_same_slices(self, source, dim, &same);
  EMBER_CHECK(same,
              "source tensor shape must match self tensor shape, excluding the specified "
              "dimension. Got self.shape = {} source.shape = {}",
              self.sizes(), source.sizes());
  EMBER_CHECK(index.numel() == size_or_one(source, dim),
              "index_add_(): Number of indices ({}) should be equal to source.size(dim): ({}), "
              "for dim: {}",
              index.numel(), size_or_one(source, dim), dim);
  if (index.numel() == 0) return self;
  Tensor values = source;
  if (!(alpha.isIntegral(false) && alpha.to<int64_t>() == 1)) {
    values = (source * alpha).to(self.dtype());
  }
  if (self.dim() == 0) values = values.reshape({});
  return native::scatter_add_(self, dim, expanded_index(index, dim, values.sizes()), values);
}

Tensor& index_copy_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  dim = detail::wrap_dim(dim, self.dim());
  EMBER_CHECK(index.dim() <= 1, "index_copy_(): Index should have dimension 1 or 0 (got {})",
              index.dim());
  EMBER_CHECK(index.dtype() == kLong, "index_copy_(): Expected a long tensor for index, but got {}",
              index.dtype());
  EMBER_CHECK(self.dtype() == source.dtype(),
              "index_copy_(): self and source expected to have the same dtype, but got (self) {} "
              "and (source) {}",
              self.dtype(), source.dtype());
  EMBER_CHECK(index.numel() == size_or_one(source, dim),
              "index_copy_(): Number of indices ({}) should be equal to source.size(dim) ({})",
              index.numel(), size_or_one(source, dim));
  bool same = false;
  check_same_slices(self, source, dim, &same);
  EMBER_CHECK(same,
              "index_copy_(): Source/destination tensor must have same slice shapes. Destination "
              "shape: {}, source shape: {}, dimension {}",
              self.sizes(), source.sizes(), dim);
  check_index_range(index, 0, size_or_one(self, dim), dim, "index_copy_(): ");
  if (index.numel() == 0) return self;
  if (self.dim() == 0) return self.copy_(source.reshape({}));
  return native::index_put_(self, slots_at(dim, index.reshape({-1}).to(self.device())), source);
}

Tensor& index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& value) {
  dim = detail::wrap_dim(dim, self.dim());
  EMBER_CHECK(index.dim() <= 1, "Index has to be a vector/scalar");
  EMBER_CHECK(index.dtype() == kLong, "index_fill_(): Expected dtype int64 for index.");
  EMBER_CHECK(value.dim() == 0,
              "index_fill_ only supports a 0-dimensional value tensor, but got tensor with {} "
              "dimension(s).",
              value.dim());
  const int64_t size = size_or_one(self, dim);
  check_index_range(index, -size, size, dim, "");
  if (index.numel() == 0) return self;
  const Tensor fill = value.to(self.device()).to(self.dtype());
  if (self.dim() == 0) return self.copy_(fill);
  return native::index_put_(self, slots_at(dim, index.reshape({-1}).to(self.device())), fill);
}

Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  dim = detail::wrap_dim(dim, self.dim());
  EMBER_CHECK(index.numel() == 0 || index.dtype() == kLong,
              "scatter(): Expected dtype int64 for index");
  EMBER_CHECK(self.dtype() == src.dtype(),
              "scatter(): Expected self.dtype to be equal to src.dtype");
  if (index.numel() == 0) return self;
  if (self.dim() == 0) {
    Tensor flat = self.view({1});
    native::scatter_(flat, 0, index.reshape({-1}), src.reshape({-1}));
    return self;
  }
  EMBER_CHECK(index.dim() == self.dim() || (index.dim() <= 1 && self.dim() <= 1),
              "Index tensor must have the same number of dimensions as self tensor");
  EMBER_CHECK(src.dim() == index.dim() || (index.dim() <= 1 && src.dim() <= 1),
              "Index tensor must have the same number of dimensions as src tensor");
  bool fits = true;
  for (int64_t d = 0; d < index.dim(); ++d) {
    const int64_t n = index.sizes()[d];
    fits = fits && n <= size_or_one(src, d) && (d == dim || n <= self.sizes()[d]);
  }
  EMBER_CHECK(fits,
              "Expected index {} to be smaller than self {} apart from dimension {} and to be "
              "smaller size than src {}",
              index.sizes(), self.sizes(), dim, src.sizes());
  check_index_range(index, 0, self.sizes()[dim], dim, "");
  // Element (i, j, k) of the index names self's element (i, j, k) with coordinate `dim`
  // replaced by the index's value: one index tensor per dim, broadcast together.
  std::vector<Tensor> coords;
  Tensor window = src.dim() == 0 ? src.reshape({1}) : src;
  const Tensor idx = (index.dim() == 0 ? index.reshape({1}) : index).to(self.device());
  for (int64_t d = 0; d < idx.dim(); ++d) {
    window = window.narrow(d, 0, idx.sizes()[d]);
    if (d == dim) {
      coords.push_back(idx);
      continue;
    }
    DimVector shape(static_cast<size_t>(idx.dim()), 1);
    shape[static_cast<size_t>(d)] = idx.sizes()[d];
    coords.push_back(
        arange(idx.sizes()[d], TensorOptions().dtype(kLong).device(self.device())).view(shape));
  }
  return native::index_put_(self, coords, window.to(self.device()));
}

// "sum" and "mean" add with scatter_add_ (mean divides by the count of what was added);
// "prod", "amax" and "amin" combine in the scatter_reduce kernel. Without include_self, the
// positions that get something start from the reduction's identity.
Tensor& scatter_reduce_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                        std::string_view reduce, bool include_self) {
  const bool mean = reduce == "mean";
  const bool additive = reduce == "sum" || mean;
  EMBER_CHECK(additive || reduce == "prod" || reduce == "amax" || reduce == "amin",
              "reduce argument must be either sum, prod, mean, amax or amin, got {}", reduce);
  EMBER_CHECK(!(mean && self.dtype() == kBool),
              "\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'");
  EMBER_CHECK(self.dtype() == src.dtype(),
              "scatter_reduce(): Expected self.dtype to be equal to src.dtype");
  if (index.numel() == 0) return self;
  if (!additive) {
    const detail::ScatterReduction op = reduce == "prod"   ? detail::ScatterReduction::kProd
                                        : reduce == "amax" ? detail::ScatterReduction::kAmax
                                                           : detail::ScatterReduction::kAmin;
    if (!include_self) {
      const Scalar identity = op == detail::ScatterReduction::kProd ? Scalar(1)
                              : op == detail::ScatterReduction::kAmax
                                  ? detail::dtype_lowest(self.dtype())
                                  : detail::dtype_highest(self.dtype());
      native::scatter_(self, dim, index, full_like(src, identity));
    }
    return native::scatter_reduce_elements_(self, dim, index, src, op);
  }
  if (!include_self) {
    native::scatter_(self, dim, index, zeros_like(src));
  }
  Tensor count;
  if (mean) {
    count = include_self ? ones_like(self, TensorOptions().dtype(kDouble))
                         : zeros_like(self, TensorOptions().dtype(kDouble));
    native::scatter_add_(count, dim, index, ones_like(src, TensorOptions().dtype(kDouble)));
  }
  native::scatter_add_(self, dim, index, src);
  if (mean) {
    count.masked_fill_(count == 0, 1);
    Tensor quotient = self.to(kDouble) / count;
    if (!is_floating_type(self.dtype())) quotient = quotient.floor();
    self.copy_(quotient);
  }
  return self;
}

Tensor masked_select(const Tensor& t, const Tensor& mask) {
  EMBER_CHECK(mask.dtype() == kBool, "masked_select: expected BoolTensor for mask");
  const DimVector shape = detail::broadcast_shapes(mask.sizes(), t.sizes());
  const Tensor values = t.expand(shape).reshape({-1});
  return native::index(values, {mask.to(t.device()).expand(shape).reshape({-1})});
}

Tensor& masked_scatter_(Tensor& self, const Tensor& mask, const Tensor& source) {
  EMBER_CHECK(mask.dtype() == kBool,
              "masked_scatter_ only supports boolean masks, but got mask with dtype {}",
              mask.dtype());
  EMBER_CHECK(self.dtype() == source.dtype(),
              "masked_scatter: expected self and source to have same dtypes but got {} and {}",
              self.dtype(), source.dtype());
  const Tensor full_mask = mask.to(self.device()).expand(self.sizes());
  const int64_t count = sum(full_mask).item<int64_t>();
  EMBER_CHECK(source.numel() >= count,
              "Number of elements of source < number of ones in mask (source has {}, the mask "
              "{})",
              source.numel(), count);
  if (count == 0) return self;
  const Tensor values = source.reshape({-1}).narrow(0, 0, count).to(self.device());
  if (self.dim() == 0) return self.copy_(values.reshape({}));
  native::index_put_(self, {full_mask}, values);
  return self;
}

}  // namespace ember::native
