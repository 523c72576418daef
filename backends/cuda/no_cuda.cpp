// The CUDA backend of a build without the CUDA toolkit: nothing is registered, so any use of
// a CUDA device fails with a clear error from the allocator lookup, and the queries below
// report no GPU.

#include "core/KernelTable.h"
#include "ember/core/Check.h"
#include "ember/core/Cuda.h"
#include "ember/core/Tensor.h"

namespace ember {
namespace detail {
void register_cuda_kernels() {}
bool is_pinned_pointer(const void* /*ptr*/) { return false; }
Tensor pin_memory_copy(const Tensor& /*t*/) {
  EMBER_FAIL("pin_memory: pinned memory needs CUDA, and Ember was built without CUDA support");
}
}  // namespace detail

namespace cuda {
bool is_available() { return false; }
int64_t device_count() { return 0; }
void synchronize() { EMBER_FAIL("cuda::synchronize: Ember was built without CUDA support"); }
}  // namespace cuda
}  // namespace ember
