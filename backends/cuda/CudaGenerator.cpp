#include "backends/cuda/CudaGenerator.h"

#include <memory>
#include <vector>

#include "backends/cuda/CudaDevice.h"
#include "ember/core/Cuda.h"

namespace ember::cuda {
namespace impl {

detail::Generator& default_cuda_generator(int8_t index) {
  static const std::vector<std::unique_ptr<CudaGenerator>>* generators = [] {
    // Never destroyed, like the allocators.
    auto* g = new std::vector<std::unique_ptr<CudaGenerator>>();  // NOLINT
    for (int i = 0; i < device_count_raw(); ++i) g->push_back(std::make_unique<CudaGenerator>());
    return g;
  }();
  check_device_index(index);
  return *(*generators)[static_cast<size_t>(index)];
}

}  // namespace impl

void manual_seed(uint64_t seed) {
  if (impl::device_count_raw() == 0) return;  // as PyTorch: seeding without a GPU is a no-op
  detail::Generator& g = impl::default_cuda_generator(impl::current_device_index());
  std::lock_guard<std::mutex> lock(g.mutex());
  g.set_current_seed(seed);
}

void manual_seed_all(uint64_t seed) {
  for (int i = 0; i < impl::device_count_raw(); ++i) {
    detail::Generator& g = impl::default_cuda_generator(static_cast<int8_t>(i));
    std::lock_guard<std::mutex> lock(g.mutex());
    g.set_current_seed(seed);
  }
}

}  // namespace ember::cuda
