// random_ over [base, base + range) (randint) and randperm on the GPU from the device's Philox
// generator. Element i of random_ takes half of Philox block (offset + i / 2): 64 random bits
// when the range needs them (as the CPU's choice, kernels/RandomTransforms.h), else 32, so
// values depend only on the seed and the calls, never on the launch. randperm sorts 0..n-1 by
// 64-bit random keys (CUB radix sort): a uniform permutation up to key collisions (about
// n^2 / 2^65), not PyTorch's values (PyTorch's CUDA randperm cannot be matched anyway).

#include <cub/device/device_radix_sort.cuh>

#include <cstdint>
#include <mutex>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaGenerator.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "backends/cuda/Philox.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "kernels/RandomTransforms.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

constexpr int kThreads = 256;

unsigned blocks_for(int64_t n) {
  const int64_t b = (n + kThreads - 1) / kThreads;
  return static_cast<unsigned>(b < 65536 ? b : 65536);
}

impl::CudaGenerator& as_cuda_generator(detail::Generator& gen, const char* name) {
  auto* g = dynamic_cast<impl::CudaGenerator*>(&gen);
  if (g == nullptr) {
    detail::throw_error(std::string(name) + ": expected a CUDA generator for a CUDA tensor");
  }
  return *g;
}

// The seed and the first of `blocks` Philox blocks reserved for one call.
std::pair<uint64_t, uint64_t> reserve(detail::Generator& gen, impl::CudaGenerator& g,
                                      uint64_t blocks) {
  std::lock_guard<std::mutex> lock(gen.mutex());
  const uint64_t seed = g.current_seed();
  return {seed, g.reserve(blocks)};
}

EMBER_HOST_DEVICE inline uint64_t bits64(uint64_t seed, uint64_t offset, int64_t i) {
  const philox::Uint4 r = philox::block(seed, offset + static_cast<uint64_t>(i / 2));
  return (i % 2 == 0) ? (uint64_t(r.x) << 32 | r.y) : (uint64_t(r.z) << 32 | r.w);
}

template <class T, bool kWide>
__global__ void __launch_bounds__(kThreads)
    random_int_kernel(T* out, int64_t n, uint64_t seed, uint64_t offset, uint64_t range,
                      int64_t base) {
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += int64_t(gridDim.x) * blockDim.x) {
    const uint64_t b = bits64(seed, offset, i);
    out[i] = kernels::uniform_int_from_to<T>(kWide ? b : (b >> 32), range, base);
  }
}

__global__ void __launch_bounds__(kThreads)
    permutation_keys_kernel(uint64_t* keys, int64_t* values, int64_t n, uint64_t seed,
                            uint64_t offset) {
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += int64_t(gridDim.x) * blockDim.x) {
    keys[i] = bits64(seed, offset, i);
    values[i] = i;
  }
}

}  // namespace

void random_int_kernel(const Tensor& out, detail::Generator& gen, uint64_t range, int64_t base) {
  const int64_t n = out.numel();
  if (n == 0) return;
  impl::CudaGenerator& g = as_cuda_generator(gen, "random_");
  // Kernels write contiguous memory; other layouts get a contiguous buffer and a copy.
  Tensor target =
      out.is_contiguous() ? out : detail::empty_tensor(out.sizes(), out.dtype(), out.device());
  const int8_t device = out.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  const auto [seed, offset] = reserve(gen, g, static_cast<uint64_t>((n + 1) / 2));
  detail::dispatch_dtype<types::kAll>(out.dtype(), "random_", kCUDA, [&]<class T>() {
    T* p = static_cast<T*>(target.data_ptr());
    if (kernels::random_int_uses_random64<T>(range)) {
      random_int_kernel<T, true>
          <<<blocks_for(n), kThreads, 0, stream>>>(p, n, seed, offset, range, base);
    } else {
      random_int_kernel<T, false>
          <<<blocks_for(n), kThreads, 0, stream>>>(p, n, seed, offset, range, base);
    }
    EMBER_CUDA_LAUNCH_CHECK("random_int_kernel");
  });
  if (!target.is_same(out)) Tensor(out).copy_(target);
}

void randperm_kernel(const Tensor& out, detail::Generator& gen) {
  const int64_t n = out.numel();
  if (n == 0) return;
  impl::CudaGenerator& g = as_cuda_generator(gen, "randperm");
  const Device device = out.device();
  impl::RawDeviceGuard guard(device.index());
  const cudaStream_t stream = impl::current_raw_stream(device.index());
  const auto [seed, offset] = reserve(gen, g, static_cast<uint64_t>((n + 1) / 2));
  Tensor keys = detail::empty_tensor({2, n}, kLong, device);  // keys in, keys out
  Tensor values = detail::empty_tensor({2, n}, kLong, device);
  auto* k = static_cast<uint64_t*>(keys.data_ptr());
  auto* v = values.data_ptr<int64_t>();
  permutation_keys_kernel<<<blocks_for(n), kThreads, 0, stream>>>(k, v, n, seed, offset);
  EMBER_CUDA_LAUNCH_CHECK("permutation_keys_kernel");
  size_t temp_bytes = 0;
  EMBER_CUDA_CHECK(
      cub::DeviceRadixSort::SortPairs(nullptr, temp_bytes, k, k + n, v, v + n, n, 0, 64, stream));
  DataPtr temp = impl::device_allocator()->allocate(temp_bytes > 0 ? temp_bytes : 1, device);
  EMBER_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(temp.get(), temp_bytes, k, k + n, v, v + n, n, 0,
                                                   64, stream));
  Tensor(out).copy_(values[1]);  // converts to out's dtype and layout
}

}  // namespace ember::cuda
