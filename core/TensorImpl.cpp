#include "ember/core/TensorImpl.h"

#include <algorithm>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember {

TensorImpl::TensorImpl(Storage storage, Dtype dtype, IntArrayRef sizes, IntArrayRef strides,
                       int64_t storage_offset)
    : storage_(std::move(storage)),
      storage_offset_(storage_offset),
      sizes_(sizes),
      strides_(strides),
      dtype_(dtype) {
  refresh_numel_and_contiguity();
}

TensorImpl::TensorImpl(Storage storage, Dtype dtype, IntArrayRef sizes)
    : storage_(std::move(storage)),
      sizes_(sizes),
      strides_(contiguous_strides(sizes)),
      dtype_(dtype) {
  refresh_numel_and_contiguity();
}

TensorImpl::~TensorImpl() = default;

void TensorImpl::set_geometry(IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset) {
  sizes_ = sizes;
  strides_ = strides;
  storage_offset_ = storage_offset;
  refresh_numel_and_contiguity();
}

AutogradMetaInterface& TensorImpl::ensure_autograd_meta() {
  if (!autograd_meta_) autograd_meta_ = detail::make_autograd_meta();
  return *autograd_meta_;
}

void TensorImpl::refresh_numel_and_contiguity() {
  numel_ = 1;
  for (int64_t s : sizes_) numel_ *= s;
  // Contiguous means row-major with no gaps; dims of size 1 may have any stride (PyTorch).
  is_contiguous_ = true;
  if (numel_ == 0) return;
  int64_t expected = 1;
  for (int64_t d = dim() - 1; d >= 0; --d) {
    if (sizes_[d] == 1) continue;
    if (strides_[d] != expected) {
      is_contiguous_ = false;
      return;
    }
    expected *= sizes_[d];
  }
}

DimVector contiguous_strides(IntArrayRef sizes) {
  DimVector strides(sizes.size(), 1);
  int64_t running = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = running;
    running *= std::max<int64_t>(sizes[i], 1);
  }
  return strides;
}

int64_t compute_numel(IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) {
    EMBER_CHECK(s >= 0, "Trying to create tensor with negative dimension {}: {}", s, sizes);
    EMBER_CHECK(!__builtin_mul_overflow(n, s, &n), "tensor of shape {} has too many elements",
                sizes);
  }
  return n;
}

}  // namespace ember
