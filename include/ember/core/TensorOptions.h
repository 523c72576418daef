#pragma once

#include <iosfwd>
#include <optional>
#include <type_traits>
#include <utility>

#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Export.h"

namespace ember {

/// How to create a tensor: dtype, device, requires_grad, pinned memory. Unset fields take
/// the defaults (float32, cpu, false). As in libtorch, a Dtype or a Device converts implicitly.
class EMBER_API TensorOptions {
 public:
  TensorOptions() = default;
  /* implicit */ TensorOptions(Dtype dtype) : dtype_(dtype) {}  // NOLINT
  /// Anything a Device can be built from: Device, DeviceType, "cuda:0", (kCUDA, 1).
  template <class... Args, class = std::enable_if_t<std::is_constructible_v<Device, Args&&...>>>
  /* implicit */ TensorOptions(Args&&... args)  // NOLINT
      : device_(Device(std::forward<Args>(args)...)) {}

  /// A copy with the dtype set.
  TensorOptions dtype(std::optional<Dtype> dtype) const {
    TensorOptions r = *this;
    r.dtype_ = dtype;
    return r;
  }
  /// A copy with the device set.
  TensorOptions device(std::optional<Device> device) const {
    TensorOptions r = *this;
    r.device_ = device;
    return r;
  }
  /// A copy with the device set to CUDA device `index`.
  TensorOptions device_index(int8_t index) const { return device(Device(kCUDA, index)); }
  /// A copy with requires_grad set.
  TensorOptions requires_grad(std::optional<bool> requires_grad) const {
    TensorOptions r = *this;
    r.requires_grad_ = requires_grad;
    return r;
  }
  /// A copy asking for page-locked (pinned) host memory.
  TensorOptions pinned_memory(std::optional<bool> pinned) const {
    TensorOptions r = *this;
    r.pinned_memory_ = pinned;
    return r;
  }

  Dtype dtype() const { return dtype_.value_or(default_dtype()); }
  Device device() const { return device_.value_or(Device(kCPU)); }
  bool requires_grad() const { return requires_grad_.value_or(false); }
  bool pinned_memory() const { return pinned_memory_.value_or(false); }
  bool has_dtype() const { return dtype_.has_value(); }
  bool has_device() const { return device_.has_value(); }
  bool has_requires_grad() const { return requires_grad_.has_value(); }
  std::optional<Dtype> dtype_opt() const { return dtype_; }
  std::optional<Device> device_opt() const { return device_; }
  std::optional<bool> requires_grad_opt() const { return requires_grad_; }

  /// Fields set in `other` override this one's (libtorch's merge_in).
  TensorOptions merge_in(const TensorOptions& other) const {
    TensorOptions r = *this;
    if (other.dtype_) r.dtype_ = other.dtype_;
    if (other.device_) r.device_ = other.device_;
    if (other.requires_grad_) r.requires_grad_ = other.requires_grad_;
    if (other.pinned_memory_) r.pinned_memory_ = other.pinned_memory_;
    return r;
  }

 private:
  std::optional<Dtype> dtype_;
  std::optional<Device> device_;
  std::optional<bool> requires_grad_;
  std::optional<bool> pinned_memory_;
};

/// TensorOptions with only the dtype set.
inline TensorOptions dtype(Dtype d) { return TensorOptions().dtype(d); }
/// TensorOptions with only the device set.
inline TensorOptions device(Device d) { return TensorOptions().device(d); }
/// TensorOptions with only requires_grad set.
inline TensorOptions requires_grad(bool value = true) {
  return TensorOptions().requires_grad(value);
}

EMBER_API std::ostream& operator<<(std::ostream& os, const TensorOptions& options);

}  // namespace ember
