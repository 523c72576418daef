#pragma once

// The CUDA elementwise driver. gpu_kernel(iter, f) runs a functor `R f(A0, A1, ...)` (see
// ElementwiseCore.h) over a TensorIterator on the iterator's device and current stream:
// contiguous, aligned operands take a grid-stride kernel with a few 16-byte vector accesses per
// thread and a grid of what the device holds at once, anything else (strides, broadcasting,
// misalignment) a strided kernel; iterations beyond 32-bit indexing or kMaxDims dimensions are
// split into several launches.
//
// Adding an op's CUDA kernel is one line with the kernels/ functor that the CPU uses, e.g.
//   void exp_kernel(TensorIterator& iter) { gpu_unary<types::kFloating>(iter, "exp", Exp{}); }
//   void lt_kernel(TensorIterator& iter) { gpu_binary<types::kAll>(iter, "lt", Lt{}); }
// gpu_unary / gpu_binary / gpu_ternary dispatch on the first input's dtype T and evaluate
// the functor in kernels::opmath_t<T> (float for half and bfloat16); a functor returning bool
// writes a bool output (comparisons), anything else writes T. Functors with parameters are
// passed as values (`gpu_binary<...>(iter, "op", Op{param})`), or built per dtype with
// unary_fn<T> / binary_fn<T> / ternary_fn<T> and gpu_kernel inside dispatch_dtype.

#include <cuda_runtime_api.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <utility>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/ElementwiseCore.h"
#include "core/DtypeDispatch.h"
#include "core/TensorIterator.h"

namespace ember::cuda {

template <int VEC, class F, int NT>
__global__ void __launch_bounds__(kElementwiseThreads)
    vectorized_elementwise_kernel(uint32_t n, Pointers<NT> ptrs, ScalarSlots<NT - 1> sc, F f) {
  loops::vectorized_thread<VEC>(f, ptrs, sc, n, blockIdx.x, gridDim.x, threadIdx.x, blockDim.x,
                                std::make_index_sequence<NT - 1>{});
}

template <class F, int NT>
__global__ void __launch_bounds__(kElementwiseThreads)
    strided_elementwise_kernel(uint32_t n, Pointers<NT> ptrs, ScalarSlots<NT - 1> sc,
                               OffsetCalculator<NT> calc, F f) {
  loops::strided_thread(f, ptrs, sc, calc, n, blockIdx.x, threadIdx.x, blockDim.x,
                        std::make_index_sequence<NT - 1>{});
}

namespace loops {

/// Blocks of kElementwiseThreads threads that `device` holds at once (queried once).
inline uint32_t resident_blocks(int8_t device) {
  static std::array<std::atomic<uint32_t>, 128> cache{};
  std::atomic<uint32_t>& slot = cache[static_cast<size_t>(device)];
  uint32_t blocks = slot.load(std::memory_order_relaxed);
  if (blocks == 0) {
    const cudaDeviceProp& p = impl::device_properties(device);
    blocks =
        static_cast<uint32_t>(p.multiProcessorCount) *
        static_cast<uint32_t>(std::max(1, p.maxThreadsPerMultiProcessor / kElementwiseThreads));
    slot.store(blocks, std::memory_order_relaxed);
  }
  return blocks;
}

// Starts the kernels for elementwise_launch on `stream`.
template <class F, int NT>
struct CudaLauncher {
  cudaStream_t stream;
  uint32_t max_blocks;  // resident_blocks of the device
  template <int VEC>
  void vectorized(uint32_t n, const Pointers<NT>& ptrs, const ScalarSlots<NT - 1>& sc,
                  const F& f) const {
    const uint64_t tile = uint64_t(kElementwiseThreads) * VEC * kVectorsPerThread;
    vectorized_elementwise_kernel<VEC, F, NT>
        <<<balanced_grid((n + tile - 1) / tile, max_blocks), kElementwiseThreads, 0, stream>>>(
            n, ptrs, sc, f);
    EMBER_CUDA_LAUNCH_CHECK("vectorized_elementwise_kernel");
  }
  void strided(uint32_t n, const Pointers<NT>& ptrs, const ScalarSlots<NT - 1>& sc,
               const OffsetCalculator<NT>& calc, const F& f) const {
    const uint32_t tile = kElementwiseThreads * kStridedUnroll;
    strided_elementwise_kernel<F, NT>
        <<<(n + tile - 1) / tile, kElementwiseThreads, 0, stream>>>(n, ptrs, sc, calc, f);
    EMBER_CUDA_LAUNCH_CHECK("strided_elementwise_kernel");
  }
};

}  // namespace loops

/// Runs `f` elementwise over `iter` (one output) on the iterator's device and current stream.
template <class F>
void gpu_kernel(const detail::TensorIterator& iter, const F& f) {
  constexpr int NT = FunctionTraits<F>::arity + 1;
  if (iter.numel() == 0) return;
  const int8_t device = iter.device().index();
  impl::RawDeviceGuard guard(device);
  elementwise_launch(
      iter, f,
      loops::CudaLauncher<F, NT>{impl::current_raw_stream(device), loops::resident_blocks(device)});
}

/// out = op(in) for the dtypes in Types (the input's dtype picks T).
template <uint32_t Types, class Op>
void gpu_unary(detail::TensorIterator& iter, const char* name, const Op& op = {}) {
  detail::dispatch_dtype<Types>(iter.input_dtype(0), name, kCUDA,
                                [&]<class T>() { gpu_kernel(iter, unary_fn<T>(op)); });
}

/// out = op(in0, in1) for the dtypes in Types (the inputs' common dtype picks T).
template <uint32_t Types, class Op>
void gpu_binary(detail::TensorIterator& iter, const char* name, const Op& op = {}) {
  detail::dispatch_dtype<Types>(iter.input_dtype(0), name, kCUDA,
                                [&]<class T>() { gpu_kernel(iter, binary_fn<T>(op)); });
}

/// out = op(in0, in1, in2) for the dtypes in Types.
template <uint32_t Types, class Op>
void gpu_ternary(detail::TensorIterator& iter, const char* name, const Op& op = {}) {
  detail::dispatch_dtype<Types>(iter.input_dtype(0), name, kCUDA,
                                [&]<class T>() { gpu_kernel(iter, ternary_fn<T>(op)); });
}

}  // namespace ember::cuda
