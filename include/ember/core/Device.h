#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

#include "ember/core/Export.h"

namespace ember {

/// Where a tensor's memory lives.
enum class DeviceType : int8_t { CPU = 0, CUDA = 1 };
inline constexpr int kNumDeviceTypes = 2;
inline constexpr DeviceType kCPU = DeviceType::CPU;
inline constexpr DeviceType kCUDA = DeviceType::CUDA;

/// A device type plus an index ("cuda:1"); index -1 means "the current device of that type".
class EMBER_API Device {
 public:
  using Type = DeviceType;

  /* implicit */ Device(DeviceType type, int8_t index = -1);  // NOLINT
  /// Parses "cpu", "cuda", "cuda:N"; anything else throws ember::Error.
  /* implicit */ Device(const std::string& spec);                         // NOLINT
  /* implicit */ Device(const char* spec) : Device(std::string(spec)) {}  // NOLINT

  DeviceType type() const noexcept { return type_; }
  int8_t index() const noexcept { return index_; }
  bool has_index() const noexcept { return index_ != -1; }
  bool is_cpu() const noexcept { return type_ == kCPU; }
  bool is_cuda() const noexcept { return type_ == kCUDA; }
  void set_index(int8_t index) { index_ = index; }
  /// "cpu", "cuda", "cuda:0".
  std::string str() const;

  bool operator==(const Device& other) const noexcept {
    return type_ == other.type_ && index_ == other.index_;
  }
  bool operator!=(const Device& other) const noexcept { return !(*this == other); }

 private:
  DeviceType type_;
  int8_t index_ = -1;
};

EMBER_API std::ostream& operator<<(std::ostream& os, const Device& device);
EMBER_API std::ostream& operator<<(std::ostream& os, DeviceType type);

}  // namespace ember

template <>
struct std::hash<ember::Device> {
  size_t operator()(const ember::Device& d) const noexcept {
    return (static_cast<size_t>(d.type()) << 16) ^ static_cast<size_t>(d.index() + 1);
  }
};
