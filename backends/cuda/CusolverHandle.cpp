// cuSOLVER handles: a pool per device shared through HandlePool.h, bound to the current
// stream per call.

#include "backends/cuda/CusolverHandle.h"

#include <algorithm>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/HandlePool.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::cuda::impl {

void throw_cusolver_error(cusolverStatus_t status, const char* call, const char* file, int line) {
  EMBER_FAIL("cuSOLVER error: status {} in {} at {}:{}", static_cast<int>(status), call,
             short_source_path(file), line);
}

namespace {

cusolverDnHandle_t create_cusolver_handle() {
  cusolverDnHandle_t h = nullptr;
  EMBER_CUSOLVER_CHECK(cusolverDnCreate(&h));
  return h;
}

HandlePool<cusolverDnHandle_t>& cusolver_handles() {
  static auto* pool = new HandlePool<cusolverDnHandle_t>(&create_cusolver_handle);  // NOLINT
  return *pool;
}

}  // namespace

BoundSolver::BoundSolver(int8_t device)
    : device_(device), handle_(thread_handle(cusolver_handles(), device)) {
  EMBER_CUSOLVER_CHECK(cusolverDnSetStream(handle_, current_raw_stream(device)));
}

DataPtr BoundSolver::workspace(size_t bytes) const {
  return device_allocator()->allocate(std::max<size_t>(bytes, 8), Device(kCUDA, device_));
}

}  // namespace ember::cuda::impl
