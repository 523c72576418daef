// nonzero on the GPU: each element's truth value as an int64, CUB's inclusive prefix sum of
// them (the count, read back to size the output, is its last value), then each non-zero
// element writes its row-major coordinates at row (prefix - 1): the CPU's (and PyTorch's)
// row-major order.

#include <cub/device/device_scan.cuh>

#include <cstdint>
#include <string>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/IndexLaunch.cuh"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

constexpr int kMaxNonzeroDims = 64;

struct Sizes {
  int64_t s[kMaxNonzeroDims];
};

template <class T>
__global__ void __launch_bounds__(kIndexThreads)
    truth_kernel(const T* in, int64_t* flags, int64_t n) {
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += int64_t(gridDim.x) * blockDim.x) {
    flags[i] = kernels::convert<bool>(in[i]) ? 1 : 0;
  }
}

__global__ void __launch_bounds__(kIndexThreads)
    coordinates_kernel(const int64_t* prefix, int64_t n, int nd, Sizes sizes, int64_t* out) {
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += int64_t(gridDim.x) * blockDim.x) {
    const int64_t before = i > 0 ? prefix[i - 1] : 0;
    if (prefix[i] == before) continue;
    int64_t* row = out + before * nd;
    int64_t rest = i;
    for (int d = nd - 1; d >= 0; --d) {
      row[d] = rest % sizes.s[d];
      rest /= sizes.s[d];
    }
  }
}

}  // namespace

Tensor nonzero_kernel(const Tensor& input) {
  const Tensor in = input.contiguous();
  const int64_t n = in.numel();
  const int nd = static_cast<int>(in.dim());
  if (nd > kMaxNonzeroDims) {
    detail::throw_error("nonzero: expected at most " + std::to_string(kMaxNonzeroDims) +
                        " dimensions on CUDA, got " + std::to_string(nd));
  }
  const Device device = in.device();
  if (n == 0) return detail::empty_tensor({0, nd}, kLong, device);
  impl::RawDeviceGuard guard(device.index());
  const cudaStream_t stream = impl::current_raw_stream(device.index());
  Tensor prefix = detail::empty_tensor({n}, kLong, device);
  int64_t* p = prefix.data_ptr<int64_t>();
  detail::dispatch_dtype<types::kAll>(in.dtype(), "nonzero", kCUDA, [&]<class T>() {
    truth_kernel<T><<<index_blocks(n), kIndexThreads, 0, stream>>>(in.data_ptr<T>(), p, n);
    EMBER_CUDA_LAUNCH_CHECK("truth_kernel");
  });
  size_t temp_bytes = 0;
  EMBER_CUDA_CHECK(cub::DeviceScan::InclusiveSum(nullptr, temp_bytes, p, p, n, stream));
  DataPtr temp = impl::device_allocator()->allocate(temp_bytes > 0 ? temp_bytes : 1, device);
  EMBER_CUDA_CHECK(cub::DeviceScan::InclusiveSum(temp.get(), temp_bytes, p, p, n, stream));
  int64_t count = 0;
  EMBER_CUDA_CHECK(
      cudaMemcpyAsync(&count, p + (n - 1), sizeof(int64_t), cudaMemcpyDeviceToHost, stream));
  impl::synchronize_stream(stream);
  Tensor out = detail::empty_tensor({count, nd}, kLong, device);
  if (count == 0 || nd == 0) return out;
  Sizes sizes{};
  for (int d = 0; d < nd; ++d) sizes.s[d] = in.sizes()[d];
  coordinates_kernel<<<index_blocks(n), kIndexThreads, 0, stream>>>(p, n, nd, sizes,
                                                                    out.data_ptr<int64_t>());
  EMBER_CUDA_LAUNCH_CHECK("coordinates_kernel");
  return out;
}

}  // namespace ember::cuda
