#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <vector>

#include "ember/core/Export.h"

namespace ember {

/// A non-owning view of a contiguous array (libtorch's c10::ArrayRef). It must not outlive
/// what it views; a braced list bound to it lives until the end of the full expression.
template <class T>
class ArrayRef {
 public:
  using value_type = T;
  using iterator = const T*;
  using const_iterator = const T*;

  constexpr ArrayRef() = default;
  /* implicit */ constexpr ArrayRef(const T& one) : data_(&one), size_(1) {}  // NOLINT
  constexpr ArrayRef(const T* data, size_t size) : data_(data), size_(size) {}
  constexpr ArrayRef(const T* begin, const T* end) : data_(begin), size_(end - begin) {}
  template <class A>
  /* implicit */ ArrayRef(const std::vector<T, A>& v)  // NOLINT
      : data_(v.data()), size_(v.size()) {}
  template <size_t N>
  /* implicit */ constexpr ArrayRef(const std::array<T, N>& a)  // NOLINT
      : data_(a.data()), size_(N) {}
  template <size_t N>
  /* implicit */ constexpr ArrayRef(const T (&a)[N]) : data_(a), size_(N) {}  // NOLINT
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  // The list's array lives until the end of the full expression, as long as this view is
  // used (a parameter), which is the intended use.
  /* implicit */ constexpr ArrayRef(const std::initializer_list<T>& list)  // NOLINT
      : data_(list.size() ? list.begin() : nullptr), size_(list.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  /// Any container with data() and size() of T (SmallVector, ...).
  template <
      class C, class = decltype(std::declval<const C&>().data()),
      class = std::enable_if_t<std::is_same_v<
          std::remove_cv_t<std::remove_pointer_t<decltype(std::declval<const C&>().data())>>, T>>,
      class = std::enable_if_t<!std::is_same_v<C, std::vector<T>>>>
  /* implicit */ ArrayRef(const C& c) : data_(c.data()), size_(c.size()) {}  // NOLINT

  constexpr const T* data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const T* begin() const { return data_; }
  constexpr const T* end() const { return data_ + size_; }
  constexpr const T& operator[](size_t i) const { return data_[i]; }
  constexpr const T& front() const { return data_[0]; }
  constexpr const T& back() const { return data_[size_ - 1]; }
  /// The first n elements / the elements from `start` on.
  constexpr ArrayRef slice(size_t start, size_t n) const { return ArrayRef(data_ + start, n); }
  constexpr ArrayRef slice(size_t start) const { return ArrayRef(data_ + start, size_ - start); }
  /// A copy as std::vector.
  std::vector<T> vec() const { return std::vector<T>(begin(), end()); }
  bool equals(ArrayRef other) const {
    if (size_ != other.size_) return false;
    for (size_t i = 0; i < size_; ++i) {
      if (!(data_[i] == other.data_[i])) return false;
    }
    return true;
  }
  friend bool operator==(ArrayRef a, ArrayRef b) { return a.equals(b); }
  friend bool operator!=(ArrayRef a, ArrayRef b) { return !a.equals(b); }

 private:
  const T* data_ = nullptr;
  size_t size_ = 0;
};

using IntArrayRef = ArrayRef<int64_t>;

/// Prints "[2, 3]".
EMBER_API std::ostream& operator<<(std::ostream& os, IntArrayRef values);

}  // namespace ember
