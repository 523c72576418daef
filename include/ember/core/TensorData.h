#pragma once

#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember {
namespace detail {

/// Copies `n` values of dtype `dtype` from host memory into a new 1-d CPU tensor.
EMBER_API Tensor tensor_from_host_values(const void* data, int64_t n, Dtype dtype);

/// What `ember::tensor(...)` accepts: a number, a (nested) braced list of numbers, or a
/// std::vector. Nested lists must be rectangular.
class EMBER_API TensorDataContainer {
 public:
  /// An empty list: a tensor of shape [0].
  TensorDataContainer() : kind_(Kind::List) {}
  template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  /* implicit */ TensorDataContainer(T value)  // NOLINT
      : kind_(Kind::Scalar), scalar_(value), dtype_(dtype_of_literal<T>()) {}
  /* implicit */ TensorDataContainer(Half value)  // NOLINT
      : kind_(Kind::Scalar), scalar_(value), dtype_(kHalf) {}
  /* implicit */ TensorDataContainer(BFloat16 value)  // NOLINT
      : kind_(Kind::Scalar), scalar_(value), dtype_(kBFloat16) {}
  /* implicit */ TensorDataContainer(std::initializer_list<TensorDataContainer> list)  // NOLINT
      : kind_(Kind::List), children_(list) {}
  template <class T>
  /* implicit */ TensorDataContainer(const std::vector<T>& values)  // NOLINT
      : kind_(Kind::Tensor), dtype_(dtype_of_literal<T>()) {
    if constexpr (std::is_same_v<T, bool>) {
      std::vector<uint8_t> bytes(values.begin(), values.end());
      tensor_ = tensor_from_host_values(bytes.data(), static_cast<int64_t>(bytes.size()), kBool);
    } else {
      tensor_ = tensor_from_host_values(values.data(), static_cast<int64_t>(values.size()),
                                        dtype_of_literal<T>(true));
    }
  }
  template <class T>
  /* implicit */ TensorDataContainer(ArrayRef<T> values)  // NOLINT
      : TensorDataContainer(values.vec()) {}

  /// Builds the tensor (host first, then moved to options' device and dtype).
  Tensor to_tensor(const TensorOptions& options) const;

 private:
  enum class Kind : uint8_t { Scalar, List, Tensor };

  // As libtorch: integers (literals or std::vector elements) become int64 and floating values
  // the default dtype unless a dtype is given; `exact` names the C++ type's own dtype.
  template <class T>
  static constexpr Dtype dtype_of_literal(bool exact = false) {
    if constexpr (std::is_same_v<T, bool>) {
      return kBool;
    } else if constexpr (std::is_integral_v<T>) {
      if (exact) {
        if constexpr (sizeof(T) == 1) return std::is_signed_v<T> ? kChar : kByte;
        if constexpr (sizeof(T) == 2) return kShort;
        if constexpr (sizeof(T) == 4) return kInt;
      }
      return kLong;
    } else {
      if (exact && sizeof(T) == 8) return kDouble;
      return kFloat;
    }
  }

  void collect(std::vector<int64_t>& sizes, size_t depth, bool& any_float, bool& any_int,
               bool& any_bool, bool& any_tensor) const;
  void flatten_into(std::vector<Scalar>& out) const;

  Kind kind_;
  Scalar scalar_;
  Dtype dtype_ = kFloat;
  std::vector<TensorDataContainer> children_;
  Tensor tensor_;
};

}  // namespace detail
}  // namespace ember
