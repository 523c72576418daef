#pragma once

// ExpandingArray<D>, as libtorch's: D values given as one value (repeated), a brace list or a
// vector of exactly D. Options of convolution and pooling layers hold their per-dimension
// sizes in it; it converts to IntArrayRef.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "ember/core/ArrayRef.h"
#include "ember/core/Error.h"

namespace ember {

template <size_t D, typename T = int64_t>
class ExpandingArray {
 public:
  /* implicit */ ExpandingArray(std::initializer_list<T> list)  // NOLINT
      : ExpandingArray(ArrayRef<T>(list)) {}
  /* implicit */ ExpandingArray(const std::vector<T>& values)  // NOLINT
      : ExpandingArray(ArrayRef<T>(values)) {}
  /* implicit */ ExpandingArray(ArrayRef<T> values) {  // NOLINT
    if (values.size() != D) {
      detail::throw_error("Expected " + std::to_string(D) + " values, but instead got " +
                          std::to_string(values.size()));
    }
    std::copy(values.begin(), values.end(), values_.begin());
  }
  /* implicit */ ExpandingArray(T single) { values_.fill(single); }                   // NOLINT
  /* implicit */ ExpandingArray(const std::array<T, D>& values) : values_(values) {}  // NOLINT

  std::array<T, D>& operator*() { return values_; }
  const std::array<T, D>& operator*() const { return values_; }
  std::array<T, D>* operator->() { return &values_; }
  const std::array<T, D>* operator->() const { return &values_; }
  /* implicit */ operator ArrayRef<T>() const { return ArrayRef<T>(values_); }  // NOLINT
  size_t size() const noexcept { return D; }
  bool operator==(const ExpandingArray& other) const { return values_ == other.values_; }

 private:
  std::array<T, D> values_;
};

}  // namespace ember
