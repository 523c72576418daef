#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "ember/core/Allocator.h"
#include "ember/core/Export.h"
#include "ember/core/IntrusivePtr.h"

namespace ember {

/// A version counter (see TensorImpl::version).
class EMBER_API VersionCounter : public IntrusiveTarget {
 public:
  uint32_t value() const { return value_.load(std::memory_order_relaxed); }
  void bump() { value_.fetch_add(1, std::memory_order_relaxed); }

 private:
  std::atomic<uint32_t> value_{0};
};

/// A block of device memory shared by a tensor and all its views. It also carries the
/// version counter that autograd uses to detect in-place changes of saved tensors: views
/// share memory, so they share the counter.
class EMBER_API StorageImpl : public IntrusiveTarget {
 public:
  StorageImpl(DataPtr data, size_t nbytes) : data_(std::move(data)), nbytes_(nbytes) {}

  void* data() const { return data_.get(); }
  size_t nbytes() const { return nbytes_; }
  Device device() const { return data_.device(); }
  uint32_t version() const { return version_.value(); }
  void bump_version() { version_.bump(); }

 private:
  DataPtr data_;
  size_t nbytes_;
  VersionCounter version_;
};

/// Reference-counted handle to a StorageImpl.
class EMBER_API Storage {
 public:
  Storage() = default;
  explicit Storage(IntrusivePtr<StorageImpl> impl) : impl_(std::move(impl)) {}
  /// Allocates `nbytes` on `device` through that device type's allocator.
  static Storage allocate(size_t nbytes, Device device);

  bool defined() const { return static_cast<bool>(impl_); }
  void* data() const { return impl_->data(); }
  size_t nbytes() const { return impl_->nbytes(); }
  Device device() const { return impl_->device(); }
  StorageImpl* impl() const { return impl_.get(); }
  bool is_alias_of(const Storage& other) const { return impl_ == other.impl_; }
  uint32_t use_count() const { return impl_.use_count(); }

 private:
  IntrusivePtr<StorageImpl> impl_;
};

}  // namespace ember
