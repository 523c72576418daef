#pragma once

// Helpers of the CUDA indexing kernels: launching a per-element kernel over the pieces of a
// TensorIterator with any number of operands, a device flag that kernels raise on a bad index
// (read back by the host, which then throws the same error as the CPU), and atomic addition
// for every dtype.

#include <cuda_runtime_api.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/ElementwiseCore.h"
#include "backends/cuda/IndexErrors.h"
#include "kernels/Arithmetic.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::cuda {

inline constexpr int kIndexThreads = 256;

/// Blocks for n elements, one per thread, capped (the kernels loop over the rest).
inline unsigned index_blocks(int64_t n) {
  const int64_t b = (n + kIndexThreads - 1) / kIndexThreads;
  return static_cast<unsigned>(b < 65535 * 16 ? b : 65535 * 16);
}

/// Calls launch(n, ptrs, offset_calculator) for launch-sized pieces of `iter` (NT operands).
template <int NT, class Launch>
void for_each_iter_piece(const detail::TensorIterator& iter, Launch&& launch) {
  std::array<char*, NT> data{};
  for (int a = 0; a < NT; ++a) data[a] = iter.data(a);
  const int nd = iter.ndim();
  std::vector<int64_t> strides(static_cast<size_t>(nd) * NT);
  for (int d = 0; d < nd; ++d) {
    for (int a = 0; a < NT; ++a) strides[static_cast<size_t>(d) * NT + a] = iter.strides(a)[d];
  }
  for_each_piece<NT>(
      data, iter.iter_shape().data(), strides.data(), nd, [&](const ElementwisePiece<NT>& piece) {
        launch(static_cast<uint32_t>(piece.numel), piece.ptrs, make_offset_calculator(piece));
      });
}

/// A zeroed device int that kernels set to 1 to report a bad index.
class DeviceFlag {
 public:
  explicit DeviceFlag(Device device) : device_(device.index()) {
    mem_ = impl::device_allocator()->allocate(sizeof(int), device);
    EMBER_CUDA_CHECK(cudaMemsetAsync(get(), 0, sizeof(int), impl::current_raw_stream(device_)));
  }
  int* get() const { return static_cast<int*>(mem_.get()); }
  /// Waits for the stream and says whether a kernel raised the flag.
  bool raised() const {
    int host = 0;
    const cudaStream_t stream = impl::current_raw_stream(device_);
    EMBER_CUDA_CHECK(cudaMemcpyAsync(&host, get(), sizeof(int), cudaMemcpyDeviceToHost, stream));
    EMBER_CUDA_CHECK(cudaStreamSynchronize(stream));
    return host != 0;
  }

 private:
  int8_t device_;
  DataPtr mem_;
};

/// *addr += v atomically (in T's op-math type, rounded to T; logical or for bool). Types
/// without a native atomic add use a compare-and-swap loop on the aligned 32-bit word that
/// holds them (allocations are at least 4-byte aligned and padded, so the word is in bounds).
template <class T>
__device__ inline void atomic_add(T* addr, T v) {
  using Acc = kernels::opmath_t<T>;
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                std::is_same_v<T, int32_t>) {
    atomicAdd(addr, v);  // int32 wraps in hardware
  } else if constexpr (std::is_same_v<T, int64_t>) {
    // Two's complement: adding the unsigned images wraps exactly like a wrapping int64 add.
    atomicAdd(reinterpret_cast<unsigned long long*>(addr), static_cast<unsigned long long>(v));
  } else {
    static_assert(sizeof(T) == 1 || sizeof(T) == 2, "atomic_add: unexpected element size");
    using Bits = std::conditional_t<sizeof(T) == 1, uint8_t, uint16_t>;
    const uintptr_t a = reinterpret_cast<uintptr_t>(addr);
    unsigned int* word = reinterpret_cast<unsigned int*>(a & ~uintptr_t(3));
    const unsigned shift = static_cast<unsigned>(a & 3) * 8;
    const unsigned mask = static_cast<unsigned>(Bits(~Bits(0))) << shift;
    unsigned old = *word, assumed;
    do {
      assumed = old;
      const Bits cur_bits = static_cast<Bits>((assumed & mask) >> shift);
      T cur;
      std::memcpy(&cur, &cur_bits, sizeof(T));
      const T next =
          kernels::convert<T>(kernels::Add{}(kernels::convert<Acc>(cur), kernels::convert<Acc>(v)));
      Bits next_bits;
      std::memcpy(&next_bits, &next, sizeof(T));
      const unsigned replacement = (assumed & ~mask) | (static_cast<unsigned>(next_bits) << shift);
      old = atomicCAS(word, assumed, replacement);
    } while (assumed != old);
  }
}

}  // namespace ember::cuda
