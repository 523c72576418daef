// searchsorted on the GPU: one thread per value, a binary search in its row of boundaries with
// kernels/SearchSorted.h (the CPU kernel's too).

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "kernels/SearchSorted.h"

namespace ember::cuda {

namespace types = detail::types;

namespace {

constexpr int kThreads = 256;

template <class T, class Out>
__global__ void searchsorted_kernel_impl(Out* out, const T* bd, const T* val, const int64_t* sorter,
                                         int64_t total, int64_t n, int64_t m, bool one_row,
                                         bool right) {
  const int64_t stride = int64_t(gridDim.x) * blockDim.x;
  for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < total; i += stride) {
    const int64_t row_offset = one_row ? 0 : (i / n) * m;
    const T* row = bd + row_offset;
    const int64_t* srow = sorter ? sorter + row_offset : nullptr;
    const int64_t lo = kernels::insertion_point(row, srow, m, val[i], right);
    out[i] = static_cast<Out>(lo);
  }
}

}  // namespace

void searchsorted_kernel(const Tensor& out, const Tensor& boundaries, const Tensor& values,
                         const Tensor& sorter, bool right) {
  const int64_t m = boundaries.size(-1);
  const int64_t total = values.numel();
  const int64_t n = total == 0 ? 0 : values.size(-1);
  if (total == 0) return;
  impl::RawDeviceGuard guard(values.device().index());
  const cudaStream_t stream = impl::current_raw_stream(values.device().index());
  const int64_t* s = sorter.defined() ? sorter.data_ptr<int64_t>() : nullptr;
  const auto blocks =
      static_cast<unsigned>(std::min<int64_t>((total + kThreads - 1) / kThreads, 65535 * 16));
  detail::dispatch_dtype<types::kNumeric>(values.dtype(), "searchsorted", kCUDA, [&]<class T>() {
    const T* bd = static_cast<const T*>(boundaries.data_ptr());
    const T* val = static_cast<const T*>(values.data_ptr());
    if (out.dtype() == kLong) {
      searchsorted_kernel_impl<T, int64_t><<<blocks, kThreads, 0, stream>>>(
          out.data_ptr<int64_t>(), bd, val, s, total, n, m, boundaries.dim() == 1, right);
    } else {
      searchsorted_kernel_impl<T, int32_t><<<blocks, kThreads, 0, stream>>>(
          out.data_ptr<int32_t>(), bd, val, s, total, n, m, boundaries.dim() == 1, right);
    }
    EMBER_CUDA_LAUNCH_CHECK("searchsorted_kernel");
  });
}

}  // namespace ember::cuda
