#include "ember/core/Allocator.h"

#include <array>
#include <atomic>

#include "core/KernelTable.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember {
namespace {
std::array<std::atomic<Allocator*>, kNumDeviceTypes>& allocators() {
  static std::array<std::atomic<Allocator*>, kNumDeviceTypes> table{};
  return table;
}
}  // namespace

Allocator* get_allocator(DeviceType type) {
  detail::kernel_slots();  // backends register their allocators with their kernels
  Allocator* a = allocators()[static_cast<int>(type)].load(std::memory_order_acquire);
  if (EMBER_UNLIKELY(a == nullptr)) {
#ifdef EMBER_WITH_CUDA
    EMBER_FAIL("{} is not available: no usable GPU or driver was found", Device(type).str());
#else
    EMBER_FAIL("{} is not available: Ember was built without CUDA support", Device(type).str());
#endif
  }
  return a;
}

void set_allocator(DeviceType type, Allocator* allocator) {
  allocators()[static_cast<int>(type)].store(allocator, std::memory_order_release);
}

}  // namespace ember
