// allclose and equal on the GPU: every element pair of a two-input iterator is tested with
// kernels/IsClose.h; a pair that is not close sets a device flag, which the host reads back
// (allclose returns a host bool, so it synchronises anyway).

#include <cuda_runtime_api.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/ElementwiseCore.h"
#include "backends/cuda/Kernels.h"
#include "core/DtypeDispatch.h"
#include "kernels/IsClose.h"

namespace ember::cuda {

using detail::TensorIterator;
namespace types = detail::types;

namespace {

constexpr int kThreads = 256;

// Each thread tests one pair (grid-stride over the piece); only "not close" is ever written,
// so concurrent writes of the same value need no atomics.
template <class T>
__global__ void __launch_bounds__(kThreads)
    allclose_kernel_impl(uint32_t n, Pointers<2> ptrs, ScalarSlots<2> sc, OffsetCalculator<2> calc,
                         kernels::IsClose<T> close, int* not_close) {
  for (uint32_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    int64_t off[2];
    calc.get(i, off);
    const T a = sc.is_scalar(0) ? sc.get<T>(0) : loops::load<T>(ptrs.p[0] + off[0]);
    const T b = sc.is_scalar(1) ? sc.get<T>(1) : loops::load<T>(ptrs.p[1] + off[1]);
    if (!close(a, b)) *not_close = 1;
  }
}

}  // namespace

bool allclose_kernel(const TensorIterator& iter, double rtol, double atol, bool equal_nan) {
  if (iter.numel() == 0) return true;
  const int8_t device = iter.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  DataPtr flag_mem = impl::device_allocator()->allocate(sizeof(int), Device(kCUDA, device));
  int* flag = static_cast<int*>(flag_mem.get());
  EMBER_CUDA_CHECK(cudaMemsetAsync(flag, 0, sizeof(int), stream));
  detail::dispatch_dtype<types::kAll>(iter.input_dtype(0), "allclose", kCUDA, [&]<class T>() {
    const kernels::IsClose<T> close{rtol, atol, equal_nan};
    ScalarSlots<2> scalars;
    for (int i = 0; i < 2; ++i) {
      if (iter.is_cpu_scalar(i)) scalars.set<T>(i, iter.data(i));
    }
    const std::array<char*, 2> data = {iter.data(0), iter.data(1)};
    const int nd = iter.ndim();
    std::vector<int64_t> strides(static_cast<size_t>(nd) * 2);
    for (int d = 0; d < nd; ++d) {
      for (int a = 0; a < 2; ++a) strides[d * 2 + a] = iter.strides(a)[d];
    }
    for_each_piece<2>(
        data, iter.iter_shape().data(), strides.data(), nd, [&](const ElementwisePiece<2>& piece) {
          const auto n = static_cast<uint32_t>(piece.numel);
          const uint32_t blocks = std::min<uint32_t>((n + kThreads - 1) / kThreads, 65535u * 8u);
          allclose_kernel_impl<T><<<blocks, kThreads, 0, stream>>>(
              n, piece.ptrs, scalars, make_offset_calculator(piece), close, flag);
          EMBER_CUDA_LAUNCH_CHECK("allclose_kernel");
        });
  });
  int host_flag = 0;
  EMBER_CUDA_CHECK(cudaMemcpyAsync(&host_flag, flag, sizeof(int), cudaMemcpyDeviceToHost, stream));
  impl::synchronize_stream(stream);
  return host_flag == 0;
}

}  // namespace ember::cuda
