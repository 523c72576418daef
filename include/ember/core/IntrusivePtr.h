#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

#include "ember/core/Export.h"

namespace ember {

/// Base of reference-counted objects (TensorImpl, StorageImpl). The count lives in the object,
/// so a handle is one pointer and creating one costs a single allocation.
class EMBER_API IntrusiveTarget {
 public:
  IntrusiveTarget() = default;
  IntrusiveTarget(const IntrusiveTarget&) = delete;
  IntrusiveTarget& operator=(const IntrusiveTarget&) = delete;
  virtual ~IntrusiveTarget() = default;

  uint32_t use_count() const noexcept { return refcount_.load(std::memory_order_acquire); }

 private:
  template <class T>
  friend class IntrusivePtr;
  mutable std::atomic<uint32_t> refcount_{0};
};

/// Owning handle to an IntrusiveTarget.
template <class T>
class IntrusivePtr {
 public:
  IntrusivePtr() noexcept = default;
  IntrusivePtr(std::nullptr_t) noexcept {}  // NOLINT
  /// Takes a new reference to `p` (which may already be owned elsewhere).
  explicit IntrusivePtr(T* p) noexcept : ptr_(p) { retain(); }
  IntrusivePtr(const IntrusivePtr& other) noexcept : ptr_(other.ptr_) { retain(); }
  IntrusivePtr(IntrusivePtr&& other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}
  template <class U, class = std::enable_if_t<std::is_convertible_v<U*, T*>>>
  IntrusivePtr(const IntrusivePtr<U>& other) noexcept : ptr_(other.get()) {  // NOLINT
    retain();
  }
  ~IntrusivePtr() { release(); }

  IntrusivePtr& operator=(const IntrusivePtr& other) noexcept {
    IntrusivePtr(other).swap(*this);
    return *this;
  }
  IntrusivePtr& operator=(IntrusivePtr&& other) noexcept {
    IntrusivePtr(std::move(other)).swap(*this);
    return *this;
  }

  template <class... Args>
  static IntrusivePtr make(Args&&... args) {
    return IntrusivePtr(new T(std::forward<Args>(args)...));
  }

  T* get() const noexcept { return ptr_; }
  T* operator->() const noexcept { return ptr_; }
  T& operator*() const noexcept { return *ptr_; }
  explicit operator bool() const noexcept { return ptr_ != nullptr; }
  uint32_t use_count() const noexcept { return ptr_ ? ptr_->use_count() : 0; }
  void reset() noexcept { IntrusivePtr().swap(*this); }
  void swap(IntrusivePtr& other) noexcept { std::swap(ptr_, other.ptr_); }

  friend bool operator==(const IntrusivePtr& a, const IntrusivePtr& b) { return a.ptr_ == b.ptr_; }

 private:
  void retain() noexcept {
    if (ptr_) ptr_->refcount_.fetch_add(1, std::memory_order_relaxed);
  }
  void release() noexcept {
    if (ptr_ && ptr_->refcount_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete ptr_;
  }

  T* ptr_ = nullptr;
};

}  // namespace ember
