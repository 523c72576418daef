#pragma once

// The per-thread work of the CUDA elementwise kernels and the host-side splitting of an
// iteration into launches, written without CUDA headers so tests run them on the host.
// Loops.cuh wraps them in __global__ kernels.
//
// An elementwise functor is a struct with one non-template `R operator()(A0, A1, ...) const`:
// output operand 0 is written as R, input i is read as Ai. Inputs that are 0-d CPU tensors
// ("wrapped numbers", TensorIterator::is_cpu_scalar) are read once on the host and passed to
// the kernel by value.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include <vector>

#include "backends/cuda/IndexMath.h"
#include "core/TensorIterator.h"
#include "ember/core/Dtype.h"
#include "ember/core/Macros.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

namespace ember::cuda {

template <class F>
struct FunctionTraits : FunctionTraits<decltype(&F::operator())> {};
template <class C, class R, class... Args>
struct FunctionTraits<R (C::*)(Args...) const> {
  using result_type = R;
  using args_tuple = std::tuple<Args...>;
  static constexpr int arity = static_cast<int>(sizeof...(Args));
  template <size_t I>
  using arg = std::tuple_element_t<I, args_tuple>;
};

/// Threads per block of the elementwise kernels.
inline constexpr int kElementwiseThreads = 256;
/// Elements each thread of the strided kernel handles.
inline constexpr int kStridedUnroll = 4;
/// 16-byte vectors each thread of the contiguous kernel handles per tile.
inline constexpr int kVectorsPerThread = 4;

/// Blocks of a grid-stride launch over `tiles` tiles with at most `max_blocks` blocks (those
/// the device holds at once): as many as needed for the fewest tiles per block, so that every
/// block gets the same number of tiles (no last wave of a few blocks).
inline uint32_t balanced_grid(uint64_t tiles, uint32_t max_blocks) {
  if (tiles <= max_blocks) return static_cast<uint32_t>(tiles);
  const uint64_t per_block = (tiles + max_blocks - 1) / max_blocks;
  return static_cast<uint32_t>((tiles + per_block - 1) / per_block);
}

/// Elements per vector: 16-byte accesses for the widest operand type.
template <class R, class... A>
inline constexpr int vector_width() {
  constexpr size_t widest = std::max({sizeof(R), sizeof(A)...});
  return static_cast<int>(16 / widest);
}

template <class T, int N>
struct alignas(sizeof(T) * N) Vec {
  T v[N];
};

/// The operands' base addresses (output first).
template <int NT>
struct Pointers {
  char* p[NT];
};

/// Values of inputs that are CPU scalars (bit `i` of `mask` set: input i is one).
template <int NIN>
struct ScalarSlots {
  uint64_t bits[NIN > 0 ? NIN : 1] = {};
  uint32_t mask = 0;

  EMBER_HOST_DEVICE bool is_scalar(int i) const { return (mask >> i) & 1u; }
  template <class A>
  EMBER_HOST_DEVICE A get(int i) const {
    A v;
    std::memcpy(&v, &bits[i], sizeof(A));
    return v;
  }
  template <class A>
  void set(int i, const void* host_value) {
    std::memcpy(&bits[i], host_value, sizeof(A));
    mask |= 1u << i;
  }
};

namespace loops {

/// Throws the error for a functor whose signature does not match the iterator's operands.
[[noreturn]] inline void throw_operand_mismatch(const detail::TensorIterator& iter, int operand,
                                                Dtype expected, int arity) {
  if (operand < 0) {
    detail::throw_error("gpu_kernel: the functor takes " + std::to_string(arity) +
                        " input(s) and writes one output, but the iterator has " +
                        std::to_string(iter.noutputs()) + " output(s) and " +
                        std::to_string(iter.ninputs()) + " input(s)");
  }
  detail::throw_error("gpu_kernel: operand " + std::to_string(operand) + " has dtype " +
                      std::string(dtype_name(iter.dtype(operand))) + " but the functor expects " +
                      std::string(dtype_name(expected)));
}

template <class T, int VEC>
EMBER_HOST_DEVICE inline Vec<T, VEC> load_vec(const char* p) {
#if defined(__CUDA_ARCH__)
  return *reinterpret_cast<const Vec<T, VEC>*>(p);
#else
  Vec<T, VEC> v;
  std::memcpy(&v, p, sizeof(v));
  return v;
#endif
}

template <class T, int VEC>
EMBER_HOST_DEVICE inline void store_vec(char* p, const Vec<T, VEC>& v) {
#if defined(__CUDA_ARCH__)
  *reinterpret_cast<Vec<T, VEC>*>(p) = v;
#else
  std::memcpy(p, &v, sizeof(v));
#endif
}

template <class T>
EMBER_HOST_DEVICE inline T load(const char* p) {
#if defined(__CUDA_ARCH__)
  return *reinterpret_cast<const T*>(p);
#else
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
#endif
}

template <class T>
EMBER_HOST_DEVICE inline void store(char* p, const T& v) {
#if defined(__CUDA_ARCH__)
  *reinterpret_cast<T*>(p) = v;
#else
  std::memcpy(p, &v, sizeof(T));
#endif
}

template <class A, int VEC, int NIN>
EMBER_HOST_DEVICE inline Vec<A, VEC> input_vec(const char* base, uint32_t idx,
                                               const ScalarSlots<NIN>& sc, int i) {
  if (sc.is_scalar(i)) {
    const A s = sc.template get<A>(i);
    Vec<A, VEC> v;
    EMBER_UNROLL
    for (int j = 0; j < VEC; ++j) v.v[j] = s;
    return v;
  }
  return load_vec<A, VEC>(base + static_cast<size_t>(idx) * sizeof(A));
}

template <int VEC, class F, class R, class... A>
EMBER_HOST_DEVICE inline void apply_vec(const F& f, Vec<R, VEC>& out, const Vec<A, VEC>&... in) {
  EMBER_UNROLL
  for (int j = 0; j < VEC; ++j) out.v[j] = f(in.v[j]...);
}

/// One thread of the contiguous kernel. A tile is nthreads * kVectorsPerThread vectors of VEC
/// elements; block `block` of `nblocks` takes tiles block, block + nblocks, ... (a grid-stride
/// loop, so the grid stays at what the device holds at once). In a full tile each thread
/// handles kVectorsPerThread vectors nthreads * VEC elements apart (neighbouring threads,
/// neighbouring vectors): all loads and the math first, then the stores, so that the loads are
/// in flight together. The last, partial tile goes element by element. Every operand is
/// contiguous and, unless it is a CPU scalar, aligned to VEC elements.
template <int VEC, class F, int NT, size_t... I>
EMBER_HOST_DEVICE inline void vectorized_thread(const F& f, const Pointers<NT>& ptrs,
                                                const ScalarSlots<NT - 1>& sc, uint32_t n,
                                                uint32_t block, uint32_t nblocks, uint32_t tid,
                                                uint32_t nthreads, std::index_sequence<I...>) {
  using Traits = FunctionTraits<F>;
  using R = typename Traits::result_type;
  const uint64_t tile = uint64_t(nthreads) * VEC * kVectorsPerThread;
  for (uint64_t base = uint64_t(block) * tile; base < n; base += uint64_t(nblocks) * tile) {
    const uint64_t remaining = n - base;
    if (remaining >= tile) {
      Vec<R, VEC> out[kVectorsPerThread];
      EMBER_UNROLL
      for (int u = 0; u < kVectorsPerThread; ++u) {
        // Unused when the functor takes no input (fill).
        [[maybe_unused]] const auto idx =
            static_cast<uint32_t>(base + (uint64_t(u) * nthreads + tid) * VEC);
        apply_vec<VEC>(
            f, out[u],
            input_vec<typename Traits::template arg<I>, VEC>(ptrs.p[I + 1], idx, sc, I)...);
      }
      EMBER_UNROLL
      for (int u = 0; u < kVectorsPerThread; ++u) {
        const auto idx = static_cast<uint32_t>(base + (uint64_t(u) * nthreads + tid) * VEC);
        store_vec<R, VEC>(ptrs.p[0] + static_cast<size_t>(idx) * sizeof(R), out[u]);
      }
    } else {
      for (uint32_t j = tid; j < remaining; j += nthreads) {
        const auto idx = static_cast<uint32_t>(base + j);
        const R r = f((sc.is_scalar(I)
                           ? sc.template get<typename Traits::template arg<I>>(I)
                           : load<typename Traits::template arg<I>>(
                                 ptrs.p[I + 1] + static_cast<size_t>(idx) *
                                                     sizeof(typename Traits::template arg<I>)))...);
        store<R>(ptrs.p[0] + static_cast<size_t>(idx) * sizeof(R), r);
      }
    }
  }
}

/// One thread of the strided kernel: kStridedUnroll elements, nthreads apart.
template <class F, int NT, size_t... I>
EMBER_HOST_DEVICE inline void strided_thread(const F& f, const Pointers<NT>& ptrs,
                                             const ScalarSlots<NT - 1>& sc,
                                             const OffsetCalculator<NT>& calc, uint32_t n,
                                             uint32_t block, uint32_t tid, uint32_t nthreads,
                                             std::index_sequence<I...>) {
  using Traits = FunctionTraits<F>;
  using R = typename Traits::result_type;
  uint32_t i = block * nthreads * kStridedUnroll + tid;
  EMBER_UNROLL
  for (int u = 0; u < kStridedUnroll; ++u, i += nthreads) {
    if (i >= n) return;
    int64_t off[NT];
    calc.get(i, off);
    const R r = f((sc.is_scalar(I)
                       ? sc.template get<typename Traits::template arg<I>>(I)
                       : load<typename Traits::template arg<I>>(ptrs.p[I + 1] + off[I + 1]))...);
    store<R>(ptrs.p[0] + off[0], r);
  }
}

}  // namespace loops

/// A part of an iteration small enough for one launch: at most kMaxDims dimensions
/// (dimension 0 fastest) and kMaxIndex elements. Strides are in bytes.
template <int NT>
struct ElementwisePiece {
  Pointers<NT> ptrs;
  int ndim = 0;
  int64_t sizes[kMaxDims] = {};
  int64_t strides[NT][kMaxDims] = {};
  int64_t numel = 1;
};

namespace loops {

// `strides` holds nd * NT values, dimension-major: strides[d * NT + a].
template <int NT, class F>
void split_into_pieces(const std::array<char*, NT>& data, const int64_t* sizes,
                       const int64_t* strides, int nd, F& f) {
  int64_t numel = 1;
  for (int d = 0; d < nd; ++d) numel *= sizes[d];
  if (numel == 0) return;
  auto emit = [&](const std::array<char*, NT>& at, int dims, int64_t outer_size) {
    ElementwisePiece<NT> piece;
    piece.ndim = dims;
    piece.numel = 1;
    for (int a = 0; a < NT; ++a) piece.ptrs.p[a] = at[a];
    for (int d = 0; d < dims; ++d) {
      piece.sizes[d] = d == dims - 1 ? outer_size : sizes[d];
      piece.numel *= piece.sizes[d];
      for (int a = 0; a < NT; ++a) piece.strides[a][d] = strides[d * NT + a];
    }
    f(piece);
  };
  if (numel <= kMaxIndex && nd <= kMaxDims) {
    emit(data, nd, nd > 0 ? sizes[nd - 1] : 1);
    return;
  }
  // Split the outermost dimension: into chunks of whole inner blocks when those fit one
  // launch, else index by index with the inner dimensions split further.
  const int d = nd - 1;
  const int64_t size = sizes[d];
  const int64_t inner = numel / size;
  if (nd <= kMaxDims && inner <= kMaxIndex) {
    const int64_t chunk = kMaxIndex / inner;
    for (int64_t j = 0; j < size; j += chunk) {
      std::array<char*, NT> at = data;
      for (int a = 0; a < NT; ++a) at[a] += j * strides[d * NT + a];
      emit(at, nd, std::min(chunk, size - j));
    }
    return;
  }
  for (int64_t j = 0; j < size; ++j) {
    std::array<char*, NT> at = data;
    for (int a = 0; a < NT; ++a) at[a] += j * strides[d * NT + a];
    split_into_pieces<NT>(at, sizes, strides, d, f);
  }
}

}  // namespace loops

/// Calls f(const ElementwisePiece<NT>&) for launch-sized pieces covering the iteration space
/// (sizes dimension 0 fastest; strides[d * NT + a] in bytes).
template <int NT, class F>
void for_each_piece(const std::array<char*, NT>& data, const int64_t* sizes, const int64_t* strides,
                    int nd, F&& f) {
  loops::split_into_pieces<NT>(data, sizes, strides, nd, f);
}

/// Whether a piece can take the vectorized kernel: one contiguous run, every non-scalar
/// operand's stride equal to its element size and its address aligned to a whole vector.
template <int VEC, int NT>
bool can_vectorize(const ElementwisePiece<NT>& piece, const int64_t* item_sizes,
                   uint32_t scalar_mask) {
  if (piece.ndim > 1) return false;
  for (int a = 0; a < NT; ++a) {
    if (a > 0 && ((scalar_mask >> (a - 1)) & 1u)) continue;
    if (piece.ndim == 1 && piece.sizes[0] > 1 && piece.strides[a][0] != item_sizes[a]) {
      return false;
    }
    if (reinterpret_cast<uintptr_t>(piece.ptrs.p[a]) % (item_sizes[a] * VEC) != 0) return false;
  }
  return true;
}

/// The strided kernel's offset calculator for a piece.
template <int NT>
OffsetCalculator<NT> make_offset_calculator(const ElementwisePiece<NT>& piece) {
  OffsetCalculator<NT> calc;
  calc.ndim = piece.ndim;
  for (int d = 0; d < piece.ndim; ++d) {
    calc.sizes[d] = IntDivider(static_cast<uint32_t>(piece.sizes[d]));
    for (int a = 0; a < NT; ++a) calc.strides[d][a] = piece.strides[a][d];
  }
  return calc;
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

/// The host side of an elementwise launch: checks the functor against the iterator's
/// operands, reads CPU-scalar inputs, splits the iteration into launch-sized pieces and hands
/// each to `launcher.template vectorized<VEC>(n, ptrs, scalars, f)` (contiguous, aligned) or
/// `launcher.strided(n, ptrs, scalars, offset_calculator, f)`. Loops.cuh's launcher starts
/// kernels; tests use one that runs the same per-thread code on the host.
template <class F, class Launcher>
void elementwise_launch(const detail::TensorIterator& iter, const F& f, const Launcher& launcher) {
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
  }
  (Seq{});

  std::array<char*, NT> data{};
  for (int a = 0; a < NT; ++a) data[a] = iter.data(a);
  const int nd = iter.ndim();
  // Strides dimension-major; on the stack in the usual case (no allocation per launch).
  std::array<int64_t, kMaxDims * NT> stack_strides;
  std::vector<int64_t> heap_strides;
  int64_t* strides = stack_strides.data();
  if (nd > kMaxDims) {
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
                         launcher.template vectorized<VEC>(n, piece.ptrs, scalars, f);
                       } else {
                         launcher.strided(n, piece.ptrs, scalars, make_offset_calculator(piece), f);
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
  using Out = std::conditional_t<std::is_same_v<decltype(std::declval<Op>()(M{}, M{}, M{})), bool>,
                                 bool, T>;
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

}  // namespace ember::cuda
