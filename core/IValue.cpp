#include "ember/core/IValue.h"

#include "ember/core/Check.h"

namespace ember {

namespace {
constexpr const char* kKinds[] = {"None", "Tensor", "Double", "Int", "Bool", "String", "IntList"};
}  // namespace

std::string IValue::tagKind() const { return kKinds[value_.index()]; }

const Tensor& IValue::toTensor() const {
  EMBER_CHECK(isTensor(), "Expected Tensor but got {}", tagKind());
  return std::get<Tensor>(value_);
}

double IValue::toDouble() const {
  if (isInt()) return static_cast<double>(std::get<int64_t>(value_));
  EMBER_CHECK(isDouble(), "Expected Double but got {}", tagKind());
  return std::get<double>(value_);
}

int64_t IValue::toInt() const {
  EMBER_CHECK(isInt(), "Expected Int but got {}", tagKind());
  return std::get<int64_t>(value_);
}

bool IValue::toBool() const {
  EMBER_CHECK(isBool(), "Expected Bool but got {}", tagKind());
  return std::get<bool>(value_);
}

const std::string& IValue::toStringRef() const {
  EMBER_CHECK(isString(), "Expected String but got {}", tagKind());
  return std::get<std::string>(value_);
}

const std::vector<int64_t>& IValue::toIntVector() const {
  EMBER_CHECK(isIntList(), "Expected IntList but got {}", tagKind());
  return std::get<std::vector<int64_t>>(value_);
}

}  // namespace ember
