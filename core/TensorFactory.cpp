#include "core/TensorFactory.h"

#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Formatters.h"

namespace ember::detail {

// Defined by the CUDA backend: this thread's current CUDA device (0 without a GPU, so that
// allocating there raises the backend's "not available" error).
int8_t default_cuda_device_index();

Tensor empty_tensor(IntArrayRef sizes, Dtype dtype, Device device) {
  const int64_t numel = compute_numel(sizes);
  EMBER_CHECK(dtype != ScalarType::Undefined, "cannot create a tensor of undefined dtype");
  size_t nbytes;
  EMBER_CHECK(!__builtin_mul_overflow(static_cast<uint64_t>(numel),
                                      static_cast<uint64_t>(element_size(dtype)), &nbytes),
              "tensor of shape {} and dtype {} is too large", sizes, dtype);
  Storage storage = Storage::allocate(nbytes, device);
  return Tensor(IntrusivePtr<TensorImpl>::make(std::move(storage), dtype, sizes));
}

Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                 int64_t storage_offset) {
  return Tensor(
      IntrusivePtr<TensorImpl>::make(base.storage(), base.dtype(), sizes, strides, storage_offset));
}

Device resolve_device(Device device) {
  if (device.is_cpu()) return Device(kCPU);
  if (!device.has_index()) return Device(kCUDA, default_cuda_device_index());
  return device;
}

}  // namespace ember::detail
