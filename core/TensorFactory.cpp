#include "core/TensorFactory.h"

#include <unistd.h>

#include <limits>

#include "core/CheckedSize.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Formatters.h"

namespace ember::detail {

// Defined by the CUDA backend: this thread's current CUDA device (0 without a GPU, so that
// allocating there raises the backend's "not available" error).
int8_t default_cuda_device_index();

Tensor empty_tensor(IntArrayRef sizes, Dtype dtype, Device device) {
  (void)compute_numel(sizes);  // rank, negative sizes, element count
  EMBER_CHECK(dtype != ScalarType::Undefined, "cannot create a tensor of undefined dtype");
  const size_t nbytes = storage_nbytes_contiguous(sizes, element_size(dtype));
  Storage storage = Storage::allocate(nbytes, device);
  return Tensor(IntrusivePtr<TensorImpl>::make(std::move(storage), dtype, sizes));
}

Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                 int64_t storage_offset) {
  auto impl =
      IntrusivePtr<TensorImpl>::make(base.storage(), base.dtype(), sizes, strides, storage_offset);
  const IntrusivePtr<VersionCounter>& counter = base.unsafeGetTensorImpl()->own_version_counter();
  if (counter) impl->set_own_version_counter(counter);  // views share their base's counter
  return Tensor(std::move(impl));
}

void check_view_count(int64_t count, const char* op) {
  // What one view costs at least: its handle, its TensorImpl and the allocator's overhead.
  constexpr int64_t kBytesPerView = sizeof(Tensor) + sizeof(TensorImpl) + 16;
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  const int64_t memory = pages > 0 && page_size > 0 ? static_cast<int64_t>(pages) * page_size
                                                    : std::numeric_limits<int64_t>::max();
  EMBER_CHECK(count <= memory / kBytesPerView,
              "{}: cannot return {} tensors, which would need more than the {} bytes of memory "
              "this machine has",
              op, count, memory);
}

void throw_out_of_memory_for_views(int64_t count, const char* op) {
  EMBER_FAIL("{}: out of memory creating {} tensors", op, count);
}

Device resolve_device(Device device) {
  if (device.is_cpu()) return Device(kCPU);
  if (!device.has_index()) return Device(kCUDA, default_cuda_device_index());
  return device;
}

}  // namespace ember::detail
