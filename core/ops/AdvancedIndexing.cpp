// Advanced indexing as PyTorch does it: masks become their nonzero coordinates, index tensors
// broadcast together, and the indexed dimensions of self are replaced by the broadcast shape
// with stride 0 ("restriding"), so one elementwise pass over the result shape reads (or
// writes) self at a per-element offset. The offsets are computed (and every index checked)
// once, by the index_offsets kernel, before anything is read or written (the CUDA kernel
// reports a bad index at the next synchronisation instead, backends/cuda/IndexErrors.h).

#include "core/ops/AdvancedIndexing.h"

#include <string>

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/TensorIterator.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::detail {

bool has_internal_overlap(const Tensor& t) {
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (t.sizes()[d] > 1 && t.strides()[d] == 0) return true;
  }
  return false;
}

namespace {

bool is_mask(const Tensor& t) { return t.dtype() == kBool || t.dtype() == kByte; }

void check_index_types(ArrayRef<Tensor> indices) {
  for (const Tensor& t : indices) {
    if (!t.defined()) continue;
    const Dtype d = t.dtype();
    EMBER_CHECK(d == kLong || d == kInt || d == kBool || d == kByte,
                "tensors used as indices must be long, int, byte or bool tensors (got {})", d);
    EMBER_CHECK(!(is_mask(t) && t.dim() == 0),
                "index: a 0-dim bool or uint8 mask cannot index a dimension (use Tensor::index, "
                "which treats it like `true` / `false`)");
  }
}

// Dimensions of self the index list covers (a k-dim mask covers k).
int64_t covered_dims(const Tensor& self, ArrayRef<Tensor> indices) {
  int64_t n = 0;
  for (const Tensor& t : indices) n += t.defined() && is_mask(t) ? t.dim() : 1;
  EMBER_CHECK(n <= self.dim(), "too many indices for tensor of dimension {} (got {})", self.dim(),
              n);
  return n;
}

void check_mask_shape(const Tensor& self, const Tensor& mask, int64_t first_dim) {
  for (int64_t j = 0; j < mask.dim(); ++j) {
    EMBER_CHECK(mask.sizes()[j] == self.sizes()[first_dim + j],
                "The shape of the mask {} at index {} does not match the shape of the indexed "
                "tensor {} at index {}",
                mask.sizes(), j, self.sizes(), first_dim + j);
  }
}

// One entry per dimension of self (undefined: the whole dimension); masks are replaced by
// their nonzero coordinates.
struct DimIndices {
  std::vector<Tensor> indices;
  DimVector error_dims;  // the dimension each entry names in errors
};

DimIndices expand_masks(const Tensor& self, ArrayRef<Tensor> indices, IntArrayRef error_dims) {
  EMBER_CHECK(error_dims.empty() || error_dims.size() == indices.size(),
              "index: expected one error dimension per index, got {} for {} indices",
              error_dims.size(), indices.size());
  DimIndices out;
  for (size_t i = 0; i < indices.size(); ++i) {
    const Tensor& t = indices[i];
    const int64_t first = static_cast<int64_t>(out.indices.size());
    const int64_t named = error_dims.empty() ? first : error_dims[i];
    if (t.defined() && is_mask(t)) {
      check_mask_shape(self, t, first);
      const Tensor coords = nonzero(t);  // [n, k]
      for (int64_t j = 0; j < t.dim(); ++j) {
        out.indices.push_back(coords.select(1, j));
        out.error_dims.push_back(named + j);
      }
    } else {
      out.indices.push_back(t);
      out.error_dims.push_back(named);
    }
  }
  return out;
}

std::string shapes_of(const std::vector<Tensor>& indices) {
  std::string s;
  for (const Tensor& t : indices) {
    if (!t.defined()) continue;
    if (!s.empty()) s += ", ";
    s += fmt::format("{}", t.sizes());
  }
  return s;
}

bool broadcastable(IntArrayRef a, IntArrayRef b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const int64_t x = a[a.size() - 1 - i], y = b[b.size() - 1 - i];
    if (x != y && x != 1 && y != 1) return false;
  }
  return true;
}

bool is_expandable_to(IntArrayRef shape, IntArrayRef desired) {
  if (shape.size() > desired.size()) return false;
  for (size_t i = 0; i < shape.size(); ++i) {
    const int64_t s = shape[shape.size() - 1 - i], d = desired[desired.size() - 1 - i];
    if (s != d && s != 1) return false;
  }
  return true;
}

struct AdvancedIndex {
  Tensor src;      // self, its indexed dims replaced by the index shape with stride 0
  Tensor offsets;  // int64 element offsets of the indexed dims, viewed to broadcast to src
};

AdvancedIndex make_advanced_index(Tensor self, DimIndices di) {
  std::vector<Tensor>& idx = di.indices;
  DimVector& names = di.error_dims;
  const Device device = self.device();
  DimVector shape;
  bool any = false;
  for (Tensor& t : idx) {
    if (!t.defined()) continue;
    if (t.device() != device) t = t.to(device);
    if (t.dtype() != kLong) t = t.to(kLong);
    if (!any) {
      shape = DimVector(t.sizes());
      any = true;
      continue;
    }
    EMBER_CHECK(broadcastable(shape, t.sizes()),
                "shape mismatch: indexing tensors could not be broadcast together with shapes {}",
                shapes_of(idx));
    shape = broadcast_shapes(shape, t.sizes());
  }
  EMBER_CHECK(any, "index: expected at least one index tensor");
  const int64_t nd = self.dim();
  while (static_cast<int64_t>(idx.size()) < nd) {
    idx.emplace_back();
    names.push_back(static_cast<int64_t>(names.size()));
  }

  // Indexed dims separated by a whole dimension go first, as in NumPy.
  int64_t first = -1, last = -1, count = 0;
  for (int64_t d = 0; d < nd; ++d) {
    if (!idx[d].defined()) continue;
    if (first < 0) first = d;
    last = d;
    ++count;
  }
  if (last - first + 1 != count) {
    DimVector perm, reordered_names;
    std::vector<Tensor> reordered;
    for (int pass = 0; pass < 2; ++pass) {
      for (int64_t d = 0; d < nd; ++d) {
        if (idx[d].defined() != (pass == 0)) continue;
        perm.push_back(d);
        reordered.push_back(idx[d]);
        reordered_names.push_back(names[d]);
      }
    }
    self = self.permute(perm);
    idx = std::move(reordered);
    names = std::move(reordered_names);
    first = 0;
  }

  DimVector sizes, strides, dims;
  std::vector<Tensor> expanded;
  for (int64_t d = first; d < first + count; ++d) {
    sizes.push_back(self.sizes()[d]);
    strides.push_back(self.strides()[d]);
    dims.push_back(names[d]);
    expanded.push_back(idx[d].expand(shape));
  }
  AdvancedIndex info;
  info.offsets = empty_tensor(shape, kLong, device);
  if (info.offsets.numel() > 0) {
    get_kernel<Kernel::index_offsets>(device.type())(info.offsets, expanded, sizes, strides, dims);
  }

  DimVector src_sizes, src_strides, offset_shape;
  for (int64_t d = 0; d < first; ++d) {
    src_sizes.push_back(self.sizes()[d]);
    src_strides.push_back(self.strides()[d]);
    offset_shape.push_back(1);
  }
  for (int64_t s : shape) {
    src_sizes.push_back(s);
    src_strides.push_back(0);
    offset_shape.push_back(s);
  }
  for (int64_t d = first + count; d < nd; ++d) {
    src_sizes.push_back(self.sizes()[d]);
    src_strides.push_back(self.strides()[d]);
    offset_shape.push_back(1);
  }
  info.src = make_view(self, src_sizes, src_strides, self.storage_offset());
  info.offsets = info.offsets.view(offset_shape);
  return info;
}

// index_put_ of a 0-d value through a single bool mask is masked_fill_ (no nonzero pass).
bool try_masked_fill(Tensor& self, ArrayRef<Tensor> indices, const Tensor& value) {
  const Tensor* mask = nullptr;
  int64_t before = 0;
  for (const Tensor& t : indices) {
    if (!t.defined()) {
      if (mask == nullptr) ++before;
      continue;
    }
    if (mask != nullptr || t.dtype() != kBool) return false;
    mask = &t;
  }
  if (mask == nullptr || mask->device() != self.device()) return false;
  check_mask_shape(self, *mask, before);
  DimVector sizes(mask->sizes()), strides(mask->strides());
  for (int64_t d = before + mask->dim(); d < self.dim(); ++d) {
    sizes.push_back(1);
    strides.push_back(1);
  }
  self.masked_fill_(make_view(*mask, sizes, strides, mask->storage_offset()), value.item());
  return true;
}

}  // namespace

}  // namespace ember::detail

namespace ember::native {

// The bodies use the helpers above, in detail's anonymous namespace.
using namespace detail;  // NOLINT(google-build-using-namespace)

Tensor index(const Tensor& self, ArrayRef<Tensor> indices, IntArrayRef error_dims) {
  check_index_types(indices);
  covered_dims(self, indices);
  const AdvancedIndex info = make_advanced_index(self, expand_masks(self, indices, error_dims));
  Tensor out = empty_tensor(info.src.sizes(), self.dtype(), self.device());
  if (out.numel() == 0) return out;
  TensorIterator iter = TensorIteratorConfig()
                            .op_name("index")
                            .add_output(out)
                            .add_input(info.src)
                            .add_input(info.offsets)
                            .build();
  get_kernel<Kernel::index>(self.device().type())(iter);
  return out;
}

Tensor& index_put_(Tensor& self, ArrayRef<Tensor> indices, const Tensor& value_in, bool accumulate,
                   IntArrayRef error_dims) {
  EMBER_CHECK(value_in.defined(), "index_put_: the value tensor is undefined");
  check_index_types(indices);
  covered_dims(self, indices);
  EMBER_CHECK(value_in.dtype() == self.dtype(),
              "Index put requires the source and destination dtypes match, got {} for the "
              "destination and {} for the source.",
              self.dtype(), value_in.dtype());
  EMBER_CHECK(!has_internal_overlap(self),
              "index_put_: unsupported operation: more than one element of the written-to "
              "tensor refers to a single memory location. Please clone() the tensor before "
              "performing the operation.");
  Tensor value = value_in;
  if (value.device() != self.device()) {
    EMBER_CHECK(value.dim() == 0,
                "index_put_: Expected all tensors to be on the same device, but found at least "
                "two devices, {} and {}!",
                self.device().str(), value.device().str());
    value = value.to(self.device());
  }
  // Writing self while reading value from the same memory would see partial results.
  if (value.storage().is_alias_of(self.storage())) value = value.clone();
  if (!accumulate && value.dim() == 0 && try_masked_fill(self, indices, value)) return self;

  const AdvancedIndex info = make_advanced_index(self, expand_masks(self, indices, error_dims));
  EMBER_CHECK(is_expandable_to(value.sizes(), info.src.sizes()),
              "shape mismatch: value tensor of shape {} cannot be broadcast to indexing result of "
              "shape {}",
              value.sizes(), info.src.sizes());
  if (info.src.numel() > 0) {
    // Operands in PyTorch's order (written tensor, value, index), so that the iteration order,
    // which decides which duplicate is written last, follows the same memory layouts.
    TensorIterator iter = TensorIteratorConfig()
                              .op_name("index_put_")
                              .add_input(info.src)
                              .add_input(value)
                              .add_input(info.offsets)
                              .build();
    get_kernel<Kernel::index_put>(self.device().type())(iter, accumulate);
  }
  return self;
}

}  // namespace ember::native
