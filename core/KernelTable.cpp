#include "core/KernelTable.h"

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::detail {
namespace {
KernelSlots& mutable_slots() {
  static KernelSlots slots{};
  return slots;
}
}  // namespace

std::string_view kernel_name(Kernel k) {
  static constexpr std::string_view names[] = {
#define EMBER_KERNEL_NAME(name, sig) #name,
      EMBER_FORALL_KERNEL_SLOTS(EMBER_KERNEL_NAME)
#undef EMBER_KERNEL_NAME
  };
  return names[static_cast<int>(k)];
}

const KernelSlots& kernel_slots() {
  // One function-local static runs the CPU backend's registration exactly once, thread-safely,
  // on first use. (Self-registering static objects would be dropped from static archives.)
  // The CUDA backend registers its kernels when it is loaded, on first use of CUDA
  // (core/CudaBackend.h).
  static const bool registered = [] {
    register_cpu_kernels();
    return true;
  }();
  (void)registered;
  return mutable_slots();
}

void throw_missing_kernel(Kernel k, DeviceType device) {
  EMBER_NOT_IMPLEMENTED("{}: no kernel registered for {}", kernel_name(k), Device(device).str());
}

bool has_kernel(Kernel k, DeviceType device) {
  return kernel_slots()[static_cast<int>(k)][static_cast<int>(device)] != nullptr;
}

void set_kernel_slot(Kernel k, DeviceType device, AnyKernelFn fn) {
  mutable_slots()[static_cast<int>(k)][static_cast<int>(device)] = fn;
}

}  // namespace ember::detail
