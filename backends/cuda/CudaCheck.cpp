#include "backends/cuda/CudaCheck.h"

#include <string_view>

#include "ember/core/Check.h"

namespace ember::cuda::impl {
std::string_view short_source_path(const char* file) {
  const std::string_view path(file);
  const size_t at = path.rfind("backends/");
  return at == std::string_view::npos ? path : path.substr(at);
}

void throw_cuda_error(cudaError_t err, const char* call, const char* file, int line) {
  // Clears the error state (sticky errors stay; the context is unusable after those anyway).
  (void)cudaGetLastError();
  const char* hint = err == cudaErrorNoKernelImageForDevice
                         ? " (Ember was not built for this GPU's architecture: add it to "
                           "CMAKE_CUDA_ARCHITECTURES)"
                         : "";
  EMBER_FAIL("CUDA error: {} ({}) in {} at {}:{}{}", cudaGetErrorString(err), cudaGetErrorName(err),
             call, short_source_path(file), line, hint);
}

}  // namespace ember::cuda::impl
