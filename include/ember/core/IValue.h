#pragma once

// A small tagged value for the non-tensor state a custom autograd function keeps between
// forward and backward (libtorch's c10::IValue, reduced to the kinds such code stores).

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember {

/// None, a tensor, a double, an int64_t, a bool, a string or a list of int64_t. The to*()
/// accessors throw ember::Error when the value holds another kind (an integer reads as a
/// double, as in libtorch).
class EMBER_API IValue {
 public:
  IValue() = default;
  IValue(Tensor t) : value_(std::move(t)) {}
  IValue(double d) : value_(d) {}
  IValue(int64_t i) : value_(i) {}
  IValue(int32_t i) : value_(static_cast<int64_t>(i)) {}
  IValue(bool b) : value_(b) {}
  IValue(std::string s) : value_(std::move(s)) {}
  IValue(const char* s) : value_(std::string(s)) {}
  IValue(std::vector<int64_t> v) : value_(std::move(v)) {}
  IValue(IntArrayRef v) : value_(std::vector<int64_t>(v.begin(), v.end())) {}

  bool isNone() const { return value_.index() == 0; }
  bool isTensor() const { return std::holds_alternative<Tensor>(value_); }
  bool isDouble() const { return std::holds_alternative<double>(value_); }
  bool isInt() const { return std::holds_alternative<int64_t>(value_); }
  bool isBool() const { return std::holds_alternative<bool>(value_); }
  bool isString() const { return std::holds_alternative<std::string>(value_); }
  bool isIntList() const { return std::holds_alternative<std::vector<int64_t>>(value_); }

  const Tensor& toTensor() const;
  double toDouble() const;
  int64_t toInt() const;
  bool toBool() const;
  const std::string& toStringRef() const;
  const std::vector<int64_t>& toIntVector() const;
  /// The kind held, as libtorch names it in its errors ("Tensor", "Double", "Int", ...).
  std::string tagKind() const;

 private:
  std::variant<std::monostate, Tensor, double, int64_t, bool, std::string, std::vector<int64_t>>
      value_;
};

}  // namespace ember
