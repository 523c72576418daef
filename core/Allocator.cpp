#include "ember/core/Allocator.h"

#include <array>
#include <atomic>

#include "core/CudaBackend.h"
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
  if (type == kCUDA) detail::cuda_backend();  // loaded on first use
  Allocator* a = allocators()[static_cast<int>(type)].load(std::memory_order_acquire);
  if (EMBER_UNLIKELY(a == nullptr)) {
    EMBER_FAIL("{} is not available: {}", Device(type).str(), detail::cuda_unavailable_reason());
  }
  return a;
}

void set_allocator(DeviceType type, Allocator* allocator) {
  allocators()[static_cast<int>(type)].store(allocator, std::memory_order_release);
}

}  // namespace ember
