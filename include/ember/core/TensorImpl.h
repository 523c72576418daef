#pragma once

#include <cstdint>
#include <memory>

#include "ember/core/ArrayRef.h"
#include "ember/core/AutogradMetaInterface.h"
#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Export.h"
#include "ember/core/IntrusivePtr.h"
#include "ember/core/SmallVector.h"
#include "ember/core/Storage.h"

namespace ember {

/// The state behind a Tensor handle: which storage, where in it (offset, sizes, strides in
/// elements), the dtype, and the autograd slot. Views are TensorImpls sharing one Storage.
class EMBER_API TensorImpl : public IntrusiveTarget {
 public:
  TensorImpl(Storage storage, Dtype dtype, IntArrayRef sizes, IntArrayRef strides,
             int64_t storage_offset);
  /// A contiguous tensor over `storage`.
  TensorImpl(Storage storage, Dtype dtype, IntArrayRef sizes);
  ~TensorImpl() override;

  IntArrayRef sizes() const { return sizes_; }
  IntArrayRef strides() const { return strides_; }
  int64_t dim() const { return static_cast<int64_t>(sizes_.size()); }
  int64_t numel() const { return numel_; }
  int64_t storage_offset() const { return storage_offset_; }
  Dtype dtype() const { return dtype_; }
  Device device() const { return storage_.device(); }
  bool is_contiguous() const { return is_contiguous_; }
  const Storage& storage() const { return storage_; }
  /// Address of the first element.
  void* data() const {
    return static_cast<char*>(storage_.data()) + storage_offset_ * element_size(dtype_);
  }

  /// Re-points this impl at new geometry over the same storage (used by in-place views).
  void set_geometry(IntArrayRef sizes, IntArrayRef strides, int64_t storage_offset);

  /// Makes this impl hold `source`'s storage, geometry and dtype (Tensor::set_data), keeping
  /// its own autograd slot.
  void set_data(const TensorImpl& source);

  AutogradMetaInterface* autograd_meta() const { return autograd_meta_.get(); }
  /// The autograd slot, created on first use.
  AutogradMetaInterface& ensure_autograd_meta();

  /// Version counter, bumped by in-place ops and checked by autograd's saved tensors. Views
  /// share it with their base: it lives on the storage, unless this tensor was given a counter
  /// of its own (Tensor::data(), whose changes autograd must not see).
  uint32_t version() const {
    return own_version_ ? own_version_->value() : storage_.impl()->version();
  }
  void bump_version() const {
    if (own_version_) {
      own_version_->bump();
    } else {
      storage_.impl()->bump_version();
    }
  }
  const IntrusivePtr<VersionCounter>& own_version_counter() const { return own_version_; }
  void set_own_version_counter(IntrusivePtr<VersionCounter> counter) {
    own_version_ = std::move(counter);
  }

 private:
  void refresh_numel_and_contiguity();

  Storage storage_;
  int64_t storage_offset_ = 0;
  DimVector sizes_;
  DimVector strides_;
  int64_t numel_ = 1;
  Dtype dtype_;
  bool is_contiguous_ = true;
  std::unique_ptr<AutogradMetaInterface> autograd_meta_;
  IntrusivePtr<VersionCounter> own_version_;
};

/// Row-major strides for `sizes`.
EMBER_API DimVector contiguous_strides(IntArrayRef sizes);
/// Product of sizes; throws on overflow.
EMBER_API int64_t compute_numel(IntArrayRef sizes);

}  // namespace ember
