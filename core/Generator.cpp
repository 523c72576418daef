#include "core/Generator.h"

#include <array>
#include <atomic>

#include "core/CudaBackend.h"
#include "core/KernelTable.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {
namespace detail {
namespace {
std::array<std::atomic<GeneratorGetter>, kNumDeviceTypes>& getters() {
  static std::array<std::atomic<GeneratorGetter>, kNumDeviceTypes> table{};
  return table;
}
}  // namespace

void set_generator_getter(DeviceType type, GeneratorGetter getter) {
  getters()[static_cast<int>(type)].store(getter, std::memory_order_release);
}

Generator& default_generator(Device device) {
  kernel_slots();                        // backends register their generators with their kernels
  if (device.is_cuda()) cuda_backend();  // loaded on first use
  const GeneratorGetter getter =
      getters()[static_cast<int>(device.type())].load(std::memory_order_acquire);
  EMBER_CHECK(getter != nullptr, "no random number generator is available for {}", device.str());
  return getter(resolve_device(device).index());
}

}  // namespace detail

void manual_seed(uint64_t seed) {
  detail::default_generator(Device(kCPU)).set_current_seed(seed);
  // Seeding alone never loads the CUDA backend: the seed is applied when it is loaded.
  cuda::manual_seed_all(seed);
}

}  // namespace ember
