// Tensor::index and Tensor::index_put_ with ember::indexing's index lists, as libtorch's
// get_item / set_item: integers, slices, None and Ellipsis make a view ("basic" indexing);
// tensors and bools then go to advanced indexing (AdvancedIndexing.cpp), which copies.

#include "ember/core/TensorIndexing.h"

#include <cstring>
#include <ostream>

#include "core/TensorFactory.h"
#include "core/ops/AdvancedIndexing.h"
#include "core/ops/ScalarRange.h"
#include "core/ops/ViewOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace indexing {

Slice::Slice(std::optional<int64_t> start_index, std::optional<int64_t> stop_index,
             std::optional<int64_t> step_index) {
  step_ = step_index.value_or(1);
  EMBER_CHECK(step_ != 0, "slice step cannot be zero");
  // -INDEX_MIN does not exist; the two steps select the same elements anyway.
  if (step_ < -INDEX_MAX) step_ = -INDEX_MAX;
  start_ = start_index.value_or(step_ < 0 ? INDEX_MAX : 0);
  stop_ = stop_index.value_or(step_ < 0 ? INDEX_MIN : INDEX_MAX);
}

std::ostream& operator<<(std::ostream& stream, const Slice& slice) {
  return stream << slice.start() << ":" << slice.stop() << ":" << slice.step();
}

TensorIndex::TensorIndex(const char* str) : type_(TensorIndexType::Ellipsis) {
  EMBER_CHECK(str != nullptr && std::strcmp(str, "...") == 0,
              "Expected \"...\" to represent an ellipsis index, but got \"{}\"",
              str != nullptr ? str : "(null)");
}

std::ostream& operator<<(std::ostream& stream, const TensorIndex& tensor_index) {
  switch (tensor_index.type()) {
    case TensorIndexType::None:
      return stream << "None";
    case TensorIndexType::Ellipsis:
      return stream << "...";
    case TensorIndexType::Integer:
      return stream << tensor_index.integer();
    case TensorIndexType::Boolean:
      return stream << (tensor_index.boolean() ? "true" : "false");
    case TensorIndexType::Slice:
      return stream << tensor_index.slice();
    case TensorIndexType::Tensor:
      return stream << tensor_index.tensor();
  }
  return stream;
}

std::ostream& operator<<(std::ostream& stream, const std::vector<TensorIndex>& tensor_indices) {
  stream << "(";
  for (size_t i = 0; i < tensor_indices.size(); ++i) {
    if (i > 0) stream << ", ";
    stream << tensor_indices[i];
  }
  return stream << ")";
}

}  // namespace indexing

namespace {

using indexing::TensorIndex;

// Booleans add a dimension of size 1 that `true` indexes whole and `false` empties.
Tensor bool_index(bool value, Device device) {
  return value ? zeros({1}, TensorOptions(kLong).device(device))
               : detail::empty_tensor({0}, kLong, device);
}

bool is_mask_dtype(Dtype d) { return d == kBool || d == kByte; }

// Dimensions of self the list names (everything but None, Ellipsis and bools).
int64_t count_specified_dims(ArrayRef<TensorIndex> indices) {
  int64_t count = 0;
  for (const TensorIndex& obj : indices) {
    if (obj.is_tensor()) {
      const Tensor& t = obj.tensor();
      count += t.defined() && is_mask_dtype(t.dtype()) ? t.dim() : 1;
    } else if (!obj.is_none() && !obj.is_ellipsis() && !obj.is_boolean()) {
      ++count;
    }
  }
  return count;
}

Tensor apply_select(const Tensor& t, int64_t dim, int64_t index, int64_t real_dim) {
  EMBER_CHECK(t.dim() > 0,
              "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
              "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
  const int64_t size = t.sizes()[dim];
  EMBER_CHECK(index >= -size && index < size,
              "index {} is out of bounds for dimension {} with size {}", index, real_dim, size);
  return t.select(dim, index);
}

Tensor apply_slice(const Tensor& t, int64_t dim, const indexing::Slice& s) {
  EMBER_CHECK(s.step() > 0, "step must be greater than zero (got {})", s.step());
  EMBER_CHECK(t.dim() > 0,
              "invalid index of a 0-dim tensor: a slice needs a dimension to slice (got {}:{}:{})",
              s.start(), s.stop(), s.step());
  const int64_t len = t.sizes()[dim];
  int64_t start = s.start(), stop = s.stop();
  if (start < 0) start = start < -len ? 0 : start + len;
  if (stop < 0) stop = stop < -len ? 0 : stop + len;
  start = std::min(start, len);
  stop = std::clamp(stop, start, len);
  if (start == 0 && stop == len && s.step() == 1) return t;
  // A step past the end selects at most one element; capping it keeps strides in range.
  const int64_t step = std::min(s.step(), std::max<int64_t>(len, 1));
  return t.slice(dim, start, stop, step);
}

// The basic part of an index list applied to self, and the advanced indices left over, in
// at::index's convention (one slot per dimension of `view`, a k-dim mask taking k).
struct Sliced {
  Tensor view;
  std::vector<Tensor> indices;
  DimVector error_dims;  // per slot, the dimension of self an out-of-bounds error names
};

Sliced apply_slicing(const Tensor& self, ArrayRef<TensorIndex> indices) {
  const int64_t specified = count_specified_dims(indices);
  EMBER_CHECK(specified <= self.dim(), "too many indices for tensor of dimension {}", self.dim());
  int64_t ellipses = 0;
  for (const TensorIndex& obj : indices) ellipses += obj.is_ellipsis() ? 1 : 0;
  EMBER_CHECK(ellipses <= 1, "an index can only have a single ellipsis ('...'), got {}", ellipses);

  Sliced r;
  r.view = self;
  int64_t dim = 0;      // dimension of r.view the next index applies to
  int64_t src_dim = 0;  // dimension of self it refers to (for messages)
  int64_t covered = 0;  // dimensions of r.view the slots so far cover
  auto record = [&](const Tensor& t, int64_t span) {
    for (; covered < dim; ++covered) {
      r.indices.emplace_back();
      r.error_dims.push_back(src_dim);
    }
    r.indices.push_back(t);
    r.error_dims.push_back(src_dim);
    covered += span;
  };
  for (size_t i = 0; i < indices.size(); ++i) {
    const TensorIndex& obj = indices[i];
    switch (obj.type()) {
      case indexing::TensorIndexType::Integer:
        r.view = apply_select(r.view, dim, obj.integer(), src_dim++);
        break;
      case indexing::TensorIndexType::Slice:
        r.view = apply_slice(r.view, dim++, obj.slice());
        ++src_dim;
        break;
      case indexing::TensorIndexType::Ellipsis:
        dim += self.dim() - specified;
        src_dim += self.dim() - specified;
        break;
      case indexing::TensorIndexType::None:
        r.view = r.view.unsqueeze(dim++);
        break;
      case indexing::TensorIndexType::Boolean:
        r.view = r.view.unsqueeze(dim);
        record(bool_index(obj.boolean(), self.device()), 1);
        ++dim;
        break;
      case indexing::TensorIndexType::Tensor: {
        const Tensor& t = obj.tensor();
        EMBER_CHECK(t.defined(), "index: the tensor at position {} of the index list is undefined",
                    i);
        if (t.dim() == 0 && is_integral_type(t.dtype(), true)) {
          if (!is_mask_dtype(t.dtype())) {
            r.view = apply_select(r.view, dim, t.item<int64_t>(), src_dim++);
          } else {
            r.view = r.view.unsqueeze(dim);
            record(bool_index(t.item<bool>(), self.device()), 1);
            ++dim;
          }
        } else {
          const int64_t span = is_mask_dtype(t.dtype()) ? t.dim() : 1;
          record(t, span);
          dim += span;
          src_dim += span;
        }
        break;
      }
    }
  }
  return r;
}

// Copies value into dst as Python's setitem does: leading 1s of value are ignored, the rest
// broadcasts to dst.
void copy_to(Tensor dst, const Tensor& value) {
  if (dst.sizes() == value.sizes()) {
    dst.copy_(value);
    return;
  }
  size_t lead = 0;
  while (lead < value.sizes().size() && value.sizes()[lead] == 1) ++lead;
  const IntArrayRef sizes = value.sizes().slice(lead);
  bool ok = sizes.size() <= dst.sizes().size();
  for (size_t i = 0; ok && i < sizes.size(); ++i) {
    const int64_t s = sizes[sizes.size() - 1 - i], d = dst.sizes()[dst.sizes().size() - 1 - i];
    ok = s == d || s == 1;
  }
  EMBER_CHECK(ok,
              "shape mismatch: value tensor of shape {} cannot be broadcast to indexing result of "
              "shape {}",
              value.sizes(), dst.sizes());
  dst.copy_(value.view(sizes));
}

Tensor get_item(const Tensor& self, ArrayRef<TensorIndex> indices) {
  if (indices.size() == 1) {
    const TensorIndex& index = indices[0];
    switch (index.type()) {
      case indexing::TensorIndexType::Integer:
        return apply_select(self, 0, index.integer(), 0);
      case indexing::TensorIndexType::Slice: {
        const Tensor r = apply_slice(self, 0, index.slice());
        return r.is_same(self) ? detail::alias(self) : r;
      }
      case indexing::TensorIndexType::None:
        return self.unsqueeze(0);
      case indexing::TensorIndexType::Ellipsis:
        return detail::alias(self);
      default:
        break;
    }
  }
  Sliced s = apply_slicing(self, indices);
  if (s.indices.empty()) return s.view.is_same(self) ? detail::alias(self) : s.view;
  return detail::index(s.view, s.indices, s.error_dims);
}

void set_item(const Tensor& self, ArrayRef<TensorIndex> indices, const Tensor& value) {
  EMBER_CHECK(value.defined(), "index_put_: the value tensor is undefined");
  if (indices.size() == 1) {
    const TensorIndex& index = indices[0];
    switch (index.type()) {
      case indexing::TensorIndexType::Integer:
        return copy_to(apply_select(self, 0, index.integer(), 0), value);
      case indexing::TensorIndexType::Slice:
        return copy_to(apply_slice(self, 0, index.slice()), value);
      case indexing::TensorIndexType::None:
        return copy_to(self.unsqueeze(0), value);
      case indexing::TensorIndexType::Ellipsis:
        return copy_to(self, value);
      default:
        break;
    }
  }
  Sliced s = apply_slicing(self, indices);
  if (s.indices.empty()) return copy_to(s.view, value);
  size_t lead = 0;
  while (lead < value.sizes().size() && value.sizes()[lead] == 1) ++lead;
  const Tensor trimmed = lead == 0 ? value : value.view(value.sizes().slice(lead));
  detail::index_put_(s.view, s.indices, trimmed, /*accumulate=*/false, s.error_dims);
}

}  // namespace

Tensor Tensor::index(ArrayRef<indexing::TensorIndex> indices) const {
  EMBER_CHECK(!indices.empty(),
              "Passing an empty index list to Tensor::index() is not valid syntax");
  return get_item(*this, indices);
}

Tensor Tensor::index(std::initializer_list<indexing::TensorIndex> indices) const {
  return index(ArrayRef<indexing::TensorIndex>(indices));
}

Tensor& Tensor::index_put_(ArrayRef<indexing::TensorIndex> indices, const Tensor& value) {
  EMBER_CHECK(!indices.empty(),
              "Passing an empty index list to Tensor::index_put_() is not valid syntax");
  set_item(*this, indices, value);
  return *this;
}

Tensor& Tensor::index_put_(ArrayRef<indexing::TensorIndex> indices, const Scalar& value) {
  EMBER_CHECK(!indices.empty(),
              "Passing an empty index list to Tensor::index_put_() is not valid syntax");
  set_item(*this, indices, detail::checked_scalar_to_tensor(value, dtype(), "index_put_"));
  return *this;
}

Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices,
                           const Tensor& value) {
  return index_put_(ArrayRef<indexing::TensorIndex>(indices), value);
}

Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices,
                           const Scalar& value) {
  return index_put_(ArrayRef<indexing::TensorIndex>(indices), value);
}

Tensor Tensor::operator[](const Tensor& index) const {
  return this->index({indexing::TensorIndex(index)});
}

}  // namespace ember
