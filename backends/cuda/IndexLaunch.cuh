#pragma once

// Helpers of the CUDA indexing kernels: launching a per-element kernel over the pieces of a
// TensorIterator with any number of operands, bad-index reports (IndexErrors.h) and atomic
// addition (or any other combination) for every dtype.

#include <cuda_runtime_api.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

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

/// The offset that advanced indexing's offset kernels give an element with a bad index: the
/// gather and put kernels skip it (the bad index is reported through IndexErrors.h).
inline constexpr int64_t kBadOffset = INT64_MIN;

/// *addr = op(*addr, v) atomically, computed in T's op-math type and rounded to T: a
/// compare-and-swap loop on the element itself (4- and 8-byte types) or on the aligned 32-bit
/// word that holds it (1- and 2-byte types: allocations are at least 4-byte aligned and padded,
/// so the word is in bounds).
template <class T, class Op>
__device__ inline void atomic_combine(T* addr, T v, Op op) {
  using Acc = kernels::opmath_t<T>;
  using Bits = std::conditional_t<
      sizeof(T) == 1, uint8_t,
      std::conditional_t<sizeof(T) == 2, uint16_t,
                         std::conditional_t<sizeof(T) == 4, unsigned int, unsigned long long>>>;
  using Word = std::conditional_t<sizeof(T) == 8, unsigned long long, unsigned int>;
  const uintptr_t a = reinterpret_cast<uintptr_t>(addr);
  Word* word =
      sizeof(T) >= 4 ? reinterpret_cast<Word*>(addr) : reinterpret_cast<Word*>(a & ~uintptr_t(3));
  const unsigned shift = sizeof(T) >= 4 ? 0u : static_cast<unsigned>(a & 3) * 8;
  const Word mask = static_cast<Word>(Bits(~Bits(0))) << shift;
  Word old = *word, assumed;
  do {
    assumed = old;
    const Bits cur_bits = static_cast<Bits>((assumed & mask) >> shift);
    T cur;
    std::memcpy(&cur, &cur_bits, sizeof(T));
    const T next = kernels::convert<T>(op(kernels::convert<Acc>(cur), kernels::convert<Acc>(v)));
    Bits next_bits;
    std::memcpy(&next_bits, &next, sizeof(T));
    const Word replacement = (assumed & ~mask) | (static_cast<Word>(next_bits) << shift);
    if (replacement == assumed) return;  // nothing changes (a max that is already larger)
    old = atomicCAS(word, assumed, replacement);
  } while (assumed != old);
}

/// *addr += v atomically (in T's op-math type, rounded to T; logical or for bool). half
/// (sm_70+) and bfloat16 (sm_80+) use the hardware's atomic add, which rounds the exact sum
/// once: the same value as rounding the float sum of two half/bfloat16 values (that sum is
/// exact whenever the rounding to T depends on it). Other 1- and 2-byte types use
/// atomic_combine.
template <class T>
__device__ inline void atomic_add(T* addr, T v) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double> ||
                std::is_same_v<T, int32_t>) {
    atomicAdd(addr, v);  // int32 wraps in hardware
  } else if constexpr (std::is_same_v<T, int64_t>) {
    // Two's complement: adding the unsigned images wraps exactly like a wrapping int64 add.
    atomicAdd(reinterpret_cast<unsigned long long*>(addr), static_cast<unsigned long long>(v));
  } else if constexpr (std::is_same_v<T, Half>) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 700
    atomicAdd(reinterpret_cast<__half*>(addr), __ushort_as_half(v.x));
#else
    atomic_combine(addr, v, kernels::Add{});
#endif
  } else if constexpr (std::is_same_v<T, BFloat16>) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    atomicAdd(reinterpret_cast<__nv_bfloat16*>(addr), __ushort_as_bfloat16(v.x));
#else
    atomic_combine(addr, v, kernels::Add{});
#endif
  } else {
    atomic_combine(addr, v, kernels::Add{});
  }
}

}  // namespace ember::cuda
