#pragma once

// The CUDA elementwise driver. gpu_kernel(iter, f) runs a functor `R f(A0, A1, ...)` (see
// ElementwiseCore.h) over a TensorIterator on the iterator's device and current stream:
// contiguous, aligned operands take a kernel with 16-byte vector accesses, anything else
// (strides, broadcasting, misalignment) a strided kernel; iterations beyond 32-bit indexing
// or kMaxDims dimensions are split into several launches.
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

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/ElementwiseCore.h"
#include "core/DtypeDispatch.h"
#include "core/TensorIterator.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::cuda {

template <int VEC, class F, int NT>
__global__ void __launch_bounds__(kElementwiseThreads)
    vectorized_elementwise_kernel(uint32_t n, Pointers<NT> ptrs, ScalarSlots<NT - 1> sc, F f) {
  loops::vectorized_thread<VEC>(f, ptrs, sc, n, blockIdx.x, threadIdx.x, blockDim.x,
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

template <class F, size_t... I>
void check_operands(const detail::TensorIterator& iter, std::index_sequence<I...>) {
  using Traits = FunctionTraits<F>;
  constexpr int arity = Traits::arity;
  if (iter.noutputs() != 1 || iter.ninputs() != arity) {
    throw_operand_mismatch(iter, -1, Dtype::Undefined, arity);
  }
  if (iter.dtype(0) != dtype_of<typename Traits::result_type>()) {
    throw_operand_mismatch(iter, 0, dtype_of<typename Traits::result_type>(), arity);
  }
  const Dtype expected[] = {Dtype::Undefined, dtype_of<typename Traits::template arg<I>>()...};
  for (int i = 1; i <= arity; ++i) {
    if (iter.dtype(i) != expected[i]) throw_operand_mismatch(iter, i, expected[i], arity);
  }
}

template <class F, size_t... I>
constexpr int vector_width_of(std::index_sequence<I...>) {
  using Traits = FunctionTraits<F>;
  return vector_width<typename Traits::result_type, typename Traits::template arg<I>...>();
}

}  // namespace loops

/// Runs `f` elementwise over `iter` (one output) on the iterator's device and current stream.
template <class F>
void gpu_kernel(const detail::TensorIterator& iter, const F& f) {
  using Traits = FunctionTraits<F>;
  using R = typename Traits::result_type;
  constexpr int NIN = Traits::arity;
  constexpr int NT = NIN + 1;
  using Seq = std::make_index_sequence<NIN>;
  loops::check_operands<F>(iter, Seq{});
  if (iter.numel() == 0) return;

  ScalarSlots<NIN> scalars;
  std::array<int64_t, NT> item_sizes{};
  item_sizes[0] = sizeof(R);
  [&]<size_t... I>(std::index_sequence<I...>) {
    ((item_sizes[I + 1] = sizeof(typename Traits::template arg<I>)), ...);
    ((iter.is_cpu_scalar(static_cast<int>(I) + 1)
          ? scalars.template set<typename Traits::template arg<I>>(static_cast<int>(I),
                                                                   iter.data(I + 1))
          : void()),
     ...);
  }(Seq{});

  const int8_t device = iter.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);

  std::array<char*, NT> data{};
  for (int a = 0; a < NT; ++a) data[a] = iter.data(a);
  const int nd = iter.ndim();
  std::array<int64_t, NT * 32> inline_strides{};
  std::vector<int64_t> heap_strides;
  int64_t* strides = inline_strides.data();
  if (nd > 32) {
    heap_strides.resize(static_cast<size_t>(nd) * NT);
    strides = heap_strides.data();
  }
  for (int d = 0; d < nd; ++d) {
    for (int a = 0; a < NT; ++a) strides[d * NT + a] = iter.strides(a)[d];
  }

  constexpr int VEC = loops::vector_width_of<F>(Seq{});
  for_each_piece<NT>(data, iter.iter_shape().data(), strides, nd,
                     [&](const ElementwisePiece<NT>& piece) {
                       const auto n = static_cast<uint32_t>(piece.numel);
                       if (can_vectorize<VEC>(piece, item_sizes.data(), scalars.mask)) {
                         const uint32_t tile = kElementwiseThreads * VEC;
                         const uint32_t blocks = (n + tile - 1) / tile;
                         vectorized_elementwise_kernel<VEC, F, NT>
                             <<<blocks, kElementwiseThreads, 0, stream>>>(n, piece.ptrs,
                                                                          scalars, f);
                         EMBER_CUDA_LAUNCH_CHECK("vectorized_elementwise_kernel");
                       } else {
                         const uint32_t tile = kElementwiseThreads * kStridedUnroll;
                         const uint32_t blocks = (n + tile - 1) / tile;
                         strided_elementwise_kernel<F, NT>
                             <<<blocks, kElementwiseThreads, 0, stream>>>(
                                 n, piece.ptrs, scalars, make_offset_calculator(piece), f);
                         EMBER_CUDA_LAUNCH_CHECK("strided_elementwise_kernel");
                       }
                     });
}

// ---- Functor adapters: storage type T in and out, math in opmath_t<T> ----------------------

template <class T, class Op>
struct UnaryFn {
  using M = kernels::opmath_t<T>;
  using Out = std::conditional_t<std::is_same_v<decltype(std::declval<Op>()(M{})), bool>, bool, T>;
  Op op;
  EMBER_HOST_DEVICE Out operator()(T a) const { return kernels::convert<Out>(op(M(a))); }
};

template <class T, class Op>
struct BinaryFn {
  using M = kernels::opmath_t<T>;
  using Out =
      std::conditional_t<std::is_same_v<decltype(std::declval<Op>()(M{}, M{})), bool>, bool, T>;
  Op op;
  EMBER_HOST_DEVICE Out operator()(T a, T b) const { return kernels::convert<Out>(op(M(a), M(b))); }
};

template <class T, class Op>
struct TernaryFn {
  using M = kernels::opmath_t<T>;
  using Out = std::conditional_t<
      std::is_same_v<decltype(std::declval<Op>()(M{}, M{}, M{})), bool>, bool, T>;
  Op op;
  EMBER_HOST_DEVICE Out operator()(T a, T b, T c) const {
    return kernels::convert<Out>(op(M(a), M(b), M(c)));
  }
};

/// `op` on opmath values wrapped as a storage-type functor for gpu_kernel.
template <class T, class Op>
UnaryFn<T, Op> unary_fn(const Op& op) {
  return {op};
}
template <class T, class Op>
BinaryFn<T, Op> binary_fn(const Op& op) {
  return {op};
}
template <class T, class Op>
TernaryFn<T, Op> ternary_fn(const Op& op) {
  return {op};
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
