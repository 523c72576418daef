#pragma once

// Random number generators. Each device type's backend provides the default generator of
// each of its devices (mt19937 on the CPU, as PyTorch's CPU generator; Philox on CUDA), and
// the random kernels draw from the one passed to them. A generator is locked while a kernel
// draws from it.

#include <cstdint>
#include <mutex>

#include "ember/core/Device.h"
#include "ember/core/Export.h"

namespace ember::detail {

class EMBER_INTERNAL_API Generator {
 public:
  Generator() = default;
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;
  virtual ~Generator() = default;

  /// Restarts the stream from `seed` (as torch.Generator.manual_seed).
  virtual void set_current_seed(uint64_t seed) = 0;
  virtual uint64_t current_seed() const = 0;
  std::mutex& mutex() { return mutex_; }

 private:
  std::mutex mutex_;
};

/// Returns the default generator of CUDA device `index` (or the CPU's, index ignored).
using GeneratorGetter = Generator& (*)(int8_t index);

/// Called by a backend's registration function.
EMBER_INTERNAL_API void set_generator_getter(DeviceType type, GeneratorGetter getter);
/// The default generator of `device`; a clear error when that backend has none.
EMBER_INTERNAL_API Generator& default_generator(Device device);

}  // namespace ember::detail
