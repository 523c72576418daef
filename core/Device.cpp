#include "ember/core/Device.h"

#include <cctype>
#include <ostream>

#include "ember/core/Check.h"

namespace ember {

Device::Device(DeviceType type, int8_t index) : type_(type), index_(index) {
  EMBER_CHECK(index >= -1, "Device index must be -1 or non-negative, got {}", index);
  EMBER_CHECK(type != kCPU || index <= 0, "CPU device index must be -1 or zero, got {}", index);
}

Device::Device(const std::string& spec) : type_(kCPU) {
  const auto colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  if (name == "cpu") {
    type_ = kCPU;
  } else if (name == "cuda") {
    type_ = kCUDA;
  } else {
    EMBER_FAIL("Expected one of cpu, cuda device type at start of device string: {}", spec);
  }
  if (colon == std::string::npos) return;
  const std::string digits = spec.substr(colon + 1);
  bool ok = !digits.empty() && digits.size() <= 3 && (digits.size() == 1 || digits[0] != '0');
  for (char c : digits) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  EMBER_CHECK(ok, "Invalid device string: '{}' (expected 'cpu', 'cuda' or 'cuda:N')", spec);
  const int index = std::stoi(digits);
  EMBER_CHECK(index <= 127, "Device index {} is out of range in '{}'", index, spec);
  EMBER_CHECK(type_ != kCPU || index == 0, "CPU device index must be zero, got '{}'", spec);
  index_ = static_cast<int8_t>(index);
}

std::string Device::str() const {
  const char* name = type_ == kCPU ? "cpu" : "cuda";
  return has_index() ? fmt::format("{}:{}", name, index_) : std::string(name);
}

std::ostream& operator<<(std::ostream& os, const Device& device) { return os << device.str(); }

std::ostream& operator<<(std::ostream& os, DeviceType type) {
  return os << (type == kCPU ? "cpu" : "cuda");
}

}  // namespace ember
