#pragma once

// ember::indexing: the index types of Tensor::index() and Tensor::index_put_(), as libtorch's
// torch::indexing. Python's `x[1:, None, ..., idx]` is written
// `x.index({Slice(1, None), None, Ellipsis, idx})`.

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <optional>
#include <type_traits>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::indexing {

inline constexpr int64_t INDEX_MAX = std::numeric_limits<int64_t>::max();
inline constexpr int64_t INDEX_MIN = std::numeric_limits<int64_t>::min();

enum class TensorIndexType { None, Ellipsis, Integer, Boolean, Slice, Tensor };

/// Inserts a dimension of size 1 (Python's `None`).
inline constexpr std::nullopt_t None = std::nullopt;

struct EMBER_API EllipsisIndexType final {
  constexpr EllipsisIndexType() = default;
};
/// As many full slices as the other indices leave (Python's `...`; "..." works too).
inline constexpr EllipsisIndexType Ellipsis{};

/// Python's `start:stop:step`; missing bounds cover the whole dimension.
class EMBER_API Slice final {
 public:
  Slice(std::optional<int64_t> start_index = std::nullopt,
        std::optional<int64_t> stop_index = std::nullopt,
        std::optional<int64_t> step_index = std::nullopt);

  int64_t start() const { return start_; }
  int64_t stop() const { return stop_; }
  int64_t step() const { return step_; }

 private:
  int64_t start_;
  int64_t stop_;
  int64_t step_;
};

/// Prints "start:stop:step" as libtorch does.
EMBER_API std::ostream& operator<<(std::ostream& stream, const Slice& slice);

/// One entry of an index list: None, Ellipsis, an integer, a bool, a Slice or a Tensor
/// (int64/int32 indices, or a bool/uint8 mask).
class EMBER_API TensorIndex final {
 public:
  /* implicit */ TensorIndex(std::nullopt_t) : type_(TensorIndexType::None) {}  // NOLINT
  /* implicit */ TensorIndex(EllipsisIndexType)                                 // NOLINT
      : type_(TensorIndexType::Ellipsis) {}
  /// Only "..." is accepted (another ellipsis spelling).
  /* implicit */ TensorIndex(const char* str);  // NOLINT
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  /* implicit */ TensorIndex(T integer)  // NOLINT
      : integer_(static_cast<int64_t>(integer)), type_(TensorIndexType::Integer) {}
  template <class T, std::enable_if_t<std::is_same_v<T, bool>, int> = 0>
  /* implicit */ TensorIndex(T boolean)  // NOLINT
      : boolean_(boolean), type_(TensorIndexType::Boolean) {}
  /* implicit */ TensorIndex(Slice slice)  // NOLINT
      : slice_(slice), type_(TensorIndexType::Slice) {}
  /* implicit */ TensorIndex(Tensor tensor)  // NOLINT
      : tensor_(std::move(tensor)), type_(TensorIndexType::Tensor) {}

  TensorIndexType type() const { return type_; }
  bool is_none() const { return type_ == TensorIndexType::None; }
  bool is_ellipsis() const { return type_ == TensorIndexType::Ellipsis; }
  bool is_integer() const { return type_ == TensorIndexType::Integer; }
  int64_t integer() const { return integer_; }
  bool is_boolean() const { return type_ == TensorIndexType::Boolean; }
  bool boolean() const { return boolean_; }
  bool is_slice() const { return type_ == TensorIndexType::Slice; }
  const Slice& slice() const { return slice_; }
  bool is_tensor() const { return type_ == TensorIndexType::Tensor; }
  const Tensor& tensor() const { return tensor_; }

 private:
  int64_t integer_ = 0;
  bool boolean_ = false;
  Slice slice_;
  Tensor tensor_;
  TensorIndexType type_;
};

/// Prints as libtorch: "None", "...", "3", "true", "1:9223372036854775807:1", a tensor.
EMBER_API std::ostream& operator<<(std::ostream& stream, const TensorIndex& tensor_index);
/// Prints "(i0, i1, ...)".
EMBER_API std::ostream& operator<<(std::ostream& stream,
                                   const std::vector<TensorIndex>& tensor_indices);

}  // namespace ember::indexing
