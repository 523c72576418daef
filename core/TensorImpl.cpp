#include "ember/core/TensorImpl.h"

#include <algorithm>

#include "core/AutogradHooks.h"
#include "core/CheckedSize.h"
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

namespace {
// Every tensor and view passes here, so no geometry whose element count or furthest element
// overflows can exist for ops to iterate over or index into.
int64_t checked_geometry_numel(IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset,
                               Dtype dtype) {
  detail::check_tensor_rank(sizes.size());
  const int64_t numel = detail::checked_numel(sizes);
  if (numel > 0) {
    (void)detail::storage_nbytes(sizes, strides, element_size(dtype), storage_offset);
  } else {
    // data() computes the offset in bytes even when nothing is read there.
    (void)detail::storage_nbytes_contiguous({}, element_size(dtype), storage_offset);
  }
  return numel;
}
}  // namespace

void TensorImpl::set_geometry(IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset) {
  (void)checked_geometry_numel(sizes, strides, storage_offset, dtype_);  // leaves *this intact
  sizes_ = sizes;
  strides_ = strides;
  storage_offset_ = storage_offset;
  refresh_numel_and_contiguity();
}

void TensorImpl::set_data(const TensorImpl& source) {
  storage_ = source.storage_;
  storage_offset_ = source.storage_offset_;
  sizes_ = source.sizes_;
  strides_ = source.strides_;
  numel_ = source.numel_;
  dtype_ = source.dtype_;
  is_contiguous_ = source.is_contiguous_;
}

AutogradMetaInterface& TensorImpl::ensure_autograd_meta() {
  if (!autograd_meta_) autograd_meta_ = detail::autograd_hooks().make_meta();
  return *autograd_meta_;
}

void TensorImpl::refresh_numel_and_contiguity() {
  numel_ = checked_geometry_numel(sizes_, strides_, storage_offset_, dtype_);
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
  // Empty tensors may have huge other dims ({0, 2^62, 4}): their strides must still fit.
  for (size_t i = sizes.size(); i-- > 1;) {
    EMBER_CHECK(detail::checked_mul(strides[i], std::max<int64_t>(sizes[i], 1), &strides[i - 1]),
                "Stride calculation overflowed with sizes={}", sizes);
  }
  return strides;
}

int64_t compute_numel(IntArrayRef sizes) {
  detail::check_tensor_rank(sizes.size());
  for (int64_t s : sizes) {
    EMBER_CHECK(s >= 0, "Trying to create tensor with negative dimension {}: {}", s, sizes);
  }
  return detail::checked_numel(sizes);
}

}  // namespace ember
