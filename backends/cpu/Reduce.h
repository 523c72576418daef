#pragma once

// The CPU's reduction driver over a ReductionPlan, for the functors of kernels/ReduceOps.h.
//
// Each output element folds the elements of its reduced range in fixed-size chunks whose
// partial results are combined in order. The chunking depends only on the shapes, so results
// do not depend on the number of threads: threads split the outputs or, when there are few
// outputs, the chunks. Three loop shapes:
//   inner     the innermost reduced dim is contiguous: each output folds contiguous runs with
//             several independent accumulators (vectorised);
//   vertical  no reduced dim is contiguous but a kept dim is (sum over dim 0 of a matrix):
//             a block of neighbouring outputs is folded together, row by row, so the loop
//             reads memory sequentially and vectorises across outputs;
//   strided   anything else: each output walks its elements.

#include <algorithm>
#include <cstdint>
#include <memory>

#include "backends/cpu/CpuFeatures.h"
#include "backends/cpu/Parallel.h"
#include "core/ReductionPlan.h"
#include "ember/core/Functions.h"
#include "ember/core/Macros.h"
#include "kernels/Convert.h"

namespace ember::cpu {

// Forces a lambda to be inlined into its caller, so that it is compiled for the caller's
// instruction set (AVX2 loops) and adds no call.
#if defined(__GNUC__) || defined(__clang__)
#define EMBER_LAMBDA_ALWAYS_INLINE __attribute__((always_inline))
#else
#define EMBER_LAMBDA_ALWAYS_INLINE
#endif

namespace reduce_detail {

/// Elements per chunk of one output's reduction (inner and strided loops).
inline constexpr int64_t kChunk = 16384;
/// Elements per chunk of a block of outputs in the vertical loop.
inline constexpr int64_t kVerticalChunk = 1 << 20;
/// Bytes of accumulators a vertical block keeps (at most 4096 of them: rows of up to 16 KiB
/// of float input are read whole, which keeps the hardware prefetchers streaming).
inline constexpr int64_t kVerticalAccBytes = 32768;
/// Independent accumulators of the inner loop: enough to hide the latency of the vector
/// operations (fewer for large accumulators, which do not vectorise anyway).
template <class Acc>
inline constexpr int kLanes = sizeof(Acc) <= 4 ? 32 : (sizeof(Acc) <= 8 ? 16 : 4);

template <class Op, class T>
EMBER_ALWAYS_INLINE typename Op::in_t load(const T* p) {
  return kernels::convert<typename Op::in_t>(*p);
}

/// Folds n contiguous elements, at flat reduced indices idx0.., into acc.
template <class T, class Op>
EMBER_ALWAYS_INLINE typename Op::acc_t fold_contiguous(typename Op::acc_t acc, const T* p,
                                                       int64_t n, int64_t idx0, const Op& op) {
  using Acc = typename Op::acc_t;
  if constexpr (requires { op.fold_block(acc, p, n, idx0); }) {
    return op.fold_block(acc, p, n, idx0);
  } else {
    constexpr int kL = kLanes<Acc>;
    if (n < 2 * kL) {
      for (int64_t i = 0; i < n; ++i) acc = op.reduce(acc, load<Op>(p + i), idx0 + i);
      return acc;
    }
    Acc lanes[kL];
    for (auto& l : lanes) l = op.identity();
    const int64_t full = n / kL * kL;
    int64_t i = 0;
    for (; i < full; i += kL) {
      // Kept as a loop (not unrolled into straight-line code) so that it vectorises even
      // when reduce is a select, as NaN-propagating max is.
#pragma GCC unroll 1
      for (int l = 0; l < kL; ++l) {
        lanes[l] = op.reduce(lanes[l], load<Op>(p + i + l), idx0 + i + l);
      }
    }
    Acc r = lanes[0];
    for (int l = 1; l < kL; ++l) r = op.combine(r, lanes[l]);
    for (; i < n; ++i) r = op.reduce(r, load<Op>(p + i), idx0 + i);
    return op.combine(acc, r);
  }
}

/// Walks an index space of `sizes` (innermost first), tracking offsets in two stride lists.
struct Odometer {
  const DimVector& sizes;
  const DimVector& strides_a;
  const DimVector& strides_b;
  DimVector index;
  int64_t a = 0;
  int64_t b = 0;

  Odometer(const DimVector& s, const DimVector& sa, const DimVector& sb, int64_t start)
      : sizes(s), strides_a(sa), strides_b(sb), index(s.size(), 0) {
    int64_t rest = start;
    for (size_t d = 0; d < sizes.size(); ++d) {
      index[d] = rest % sizes[d];
      rest /= sizes[d];
      a += index[d] * strides_a[d];
      b += index[d] * strides_b[d];
    }
  }
  void next() {
    for (size_t d = 0; d < sizes.size(); ++d) {
      a += strides_a[d];
      b += strides_b[d];
      if (++index[d] < sizes[d]) return;
      a -= sizes[d] * strides_a[d];
      b -= sizes[d] * strides_b[d];
      index[d] = 0;
    }
  }
};

/// Calls f(offset, n, index) for each run of the reduced flat range [begin, end) along the
/// innermost reduced dim: offset (elements) of its first element, its length, and its first
/// flat reduced index.
template <class F>
EMBER_ALWAYS_INLINE void for_each_reduced_run(const detail::ReductionPlan& plan, int64_t begin,
                                              int64_t end, F&& f) {
  if (begin >= end) return;
  const size_t nd = plan.red_sizes.size();
  if (nd == 0) {  // a single element (0-d input, or only size-1 dims reduced)
    f(int64_t{0}, int64_t{1}, int64_t{0});
    return;
  }
  const int64_t size0 = plan.red_sizes[0];
  const int64_t stride0 = plan.red_in_strides[0];
  if (nd == 1) {
    f(begin * stride0, end - begin, begin);
    return;
  }
  DimVector index(nd, 0);
  int64_t rest = begin, off = 0;
  for (size_t d = 0; d < nd; ++d) {
    index[d] = rest % plan.red_sizes[d];
    rest /= plan.red_sizes[d];
    off += index[d] * plan.red_in_strides[d];
  }
  for (int64_t i = begin; i < end;) {
    const int64_t run = std::min(size0 - index[0], end - i);
    f(off, run, i);
    i += run;
    off += (run - size0) * stride0;  // back to index 0 of dim 0, then carry
    index[0] = 0;
    for (size_t d = 1; d < nd; ++d) {
      off += plan.red_in_strides[d];
      if (++index[d] < plan.red_sizes[d]) break;
      off -= plan.red_sizes[d] * plan.red_in_strides[d];
      index[d] = 0;
    }
  }
}

/// Folds the flat reduced range [begin, end) of the output whose first element is `base`.
template <class T, class Op>
EMBER_ALWAYS_INLINE typename Op::acc_t fold_range_body(const T* base,
                                                       const detail::ReductionPlan& plan,
                                                       int64_t begin, int64_t end, const Op& op) {
  auto acc = op.identity();
  const int64_t s0 = plan.red_sizes.empty() ? 1 : plan.red_in_strides[0];
  for_each_reduced_run(plan, begin, end,
                       [&](int64_t off, int64_t n, int64_t idx) EMBER_LAMBDA_ALWAYS_INLINE {
                         const T* p = base + off;
                         if (s0 == 1) {
                           acc = fold_contiguous(acc, p, n, idx, op);
                         } else {
                           for (int64_t j = 0; j < n; ++j)
                             acc = op.reduce(acc, load<Op>(p + j * s0), idx + j);
                         }
                       });
  return acc;
}

/// A kept dim that is contiguous in the input, when no reduced dim is (-1 otherwise).
inline int vertical_dim(const detail::ReductionPlan& plan) {
  if (plan.red_sizes.empty() || plan.red_in_strides[0] == 1) return -1;
  for (size_t d = 0; d < plan.kept_sizes.size(); ++d) {
    if (plan.kept_in_strides[d] == 1 && plan.kept_sizes[d] >= 2) return static_cast<int>(d);
  }
  return -1;
}

/// acc[j] for j < width: the columns [base, base + width) folded over reduced rows [r0, r1).
/// Rows are taken four at a time: their elements are folded together first and then merged
/// into the accumulators, which quarters the accumulator traffic.
template <class T, class Op>
EMBER_ALWAYS_INLINE void fold_columns_body(typename Op::acc_t* EMBER_RESTRICT acc, const T* base,
                                           int64_t width, const detail::ReductionPlan& plan,
                                           int64_t r0, int64_t r1, const Op& op) {
  for (int64_t j = 0; j < width; ++j) acc[j] = op.identity();
  const int64_t s0 = plan.red_in_strides[0];
  for_each_reduced_run(plan, r0, r1,
                       [&](int64_t off, int64_t n, int64_t idx) EMBER_LAMBDA_ALWAYS_INLINE {
                         const T* p = base + off;
                         int64_t r = 0;
                         for (; r + 4 <= n; r += 4, p += 4 * s0) {
                           const T* p1 = p + s0;
                           const T* p2 = p1 + s0;
                           const T* p3 = p2 + s0;
                           const int64_t i = idx + r;
                           for (int64_t j = 0; j < width; ++j) {
                             auto t = op.reduce(op.identity(), load<Op>(p + j), i);
                             t = op.reduce(t, load<Op>(p1 + j), i + 1);
                             t = op.reduce(t, load<Op>(p2 + j), i + 2);
                             t = op.reduce(t, load<Op>(p3 + j), i + 3);
                             acc[j] = op.combine(acc[j], t);
                           }
                         }
                         for (; r < n; ++r, p += s0) {
                           for (int64_t j = 0; j < width; ++j)
                             acc[j] = op.reduce(acc[j], load<Op>(p + j), idx + r);
                         }
                       });
}

// The two hot loops as functions, compiled for the baseline instruction set and, on request,
// for AVX2 + FMA; Leaves holds the pair a reduction uses.
template <class T, class Op>
typename Op::acc_t fold_range_baseline(const T* base, const detail::ReductionPlan& plan,
                                       int64_t begin, int64_t end, const Op& op) {
  return fold_range_body(base, plan, begin, end, op);
}
template <class T, class Op>
void fold_columns_baseline(typename Op::acc_t* acc, const T* base, int64_t width,
                           const detail::ReductionPlan& plan, int64_t r0, int64_t r1,
                           const Op& op) {
  fold_columns_body(acc, base, width, plan, r0, r1, op);
}
#if EMBER_HAVE_AVX2_TARGET
template <class T, class Op>
EMBER_TARGET_AVX2 typename Op::acc_t fold_range_avx2(const T* base,
                                                     const detail::ReductionPlan& plan,
                                                     int64_t begin, int64_t end, const Op& op) {
  return fold_range_body(base, plan, begin, end, op);
}
template <class T, class Op>
EMBER_TARGET_AVX2 void fold_columns_avx2(typename Op::acc_t* acc, const T* base, int64_t width,
                                         const detail::ReductionPlan& plan, int64_t r0, int64_t r1,
                                         const Op& op) {
  fold_columns_body(acc, base, width, plan, r0, r1, op);
}
#endif

template <class T, class Op>
struct Leaves {
  using Acc = typename Op::acc_t;
  Acc (*fold_range)(const T*, const detail::ReductionPlan&, int64_t, int64_t, const Op&);
  void (*fold_columns)(Acc*, const T*, int64_t, const detail::ReductionPlan&, int64_t, int64_t,
                       const Op&);

  /// The AVX2 loops when kAvx2 asks for them and the CPU runs them, else the baseline ones.
  template <bool kAvx2>
  static Leaves pick() {
#if EMBER_HAVE_AVX2_TARGET
    if constexpr (kAvx2) {
      if (use_avx2()) return {&fold_range_avx2<T, Op>, &fold_columns_avx2<T, Op>};
    }
#endif
    return {&fold_range_baseline<T, Op>, &fold_columns_baseline<T, Op>};
  }

  /// The whole reduction of one output, chunk by chunk.
  Acc fold_output(const T* base, const detail::ReductionPlan& plan, const Op& op) const {
    const int64_t n = plan.red_numel;
    if (n <= kChunk) return fold_range(base, plan, 0, n, op);
    Acc acc = fold_range(base, plan, 0, kChunk, op);
    for (int64_t c = kChunk; c < n; c += kChunk) {
      acc = op.combine(acc, fold_range(base, plan, c, std::min(n, c + kChunk), op));
    }
    return acc;
  }
};

template <class T, class Op, class Emit>
void reduce_vertical(const detail::ReductionPlan& plan, const T* in, int v, const Op& op,
                     const Leaves<T, Op>& leaves, const Emit& emit) {
  using Acc = typename Op::acc_t;
  constexpr int64_t kBlock =
      std::max<int64_t>(64, std::min<int64_t>(4096, kVerticalAccBytes / sizeof(Acc)));
  const int64_t width = plan.kept_sizes[v];
  const int64_t out_stride = plan.kept_out_strides[v];
  // The other kept dims.
  DimVector sizes, in_strides, out_strides;
  for (size_t d = 0; d < plan.kept_sizes.size(); ++d) {
    if (static_cast<int>(d) == v) continue;
    sizes.push_back(plan.kept_sizes[d]);
    in_strides.push_back(plan.kept_in_strides[d]);
    out_strides.push_back(plan.kept_out_strides[d]);
  }
  const int64_t blocks = (width + kBlock - 1) / kBlock;
  const int64_t units = (plan.kept_numel / width) * blocks;
  const int64_t rows = plan.red_numel;
  const int64_t rows_per_chunk = std::max<int64_t>(1, kVerticalChunk / std::min(width, kBlock));
  const int64_t chunks = (rows + rows_per_chunk - 1) / rows_per_chunk;

  // Unit u: block u % blocks of the columns of outer position u / blocks.
  auto unit_geometry = [&](int64_t u, const T*& base, int64_t& out_off, int64_t& cols) {
    Odometer od(sizes, in_strides, out_strides, u / blocks);
    const int64_t first = (u % blocks) * kBlock;
    base = in + od.a + first;
    out_off = od.b + first * out_stride;
    cols = std::min(kBlock, width - first);
  };
  // total = the columns folded over chunks [c0, c1); part: scratch for chunks after the first.
  auto fold_unit_chunks = [&](const T* base, int64_t cols, int64_t c0, int64_t c1, Acc* total,
                              Acc* part) {
    for (int64_t c = c0; c < c1; ++c) {
      const int64_t r0 = c * rows_per_chunk, r1 = std::min(rows, r0 + rows_per_chunk);
      leaves.fold_columns(c == c0 ? total : part, base, cols, plan, r0, r1, op);
      if (c != c0) {
        for (int64_t j = 0; j < cols; ++j) total[j] = op.combine(total[j], part[j]);
      }
    }
  };

  const int threads = get_num_threads();
  if (chunks == 1 || units >= 2 * threads) {
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, rows * kBlock));
    parallel_for(0, units, grain, [&](int64_t b, int64_t e) {
      auto total = std::make_unique<Acc[]>(kBlock);
      auto part = std::make_unique<Acc[]>(chunks > 1 ? kBlock : 0);
      for (int64_t u = b; u < e; ++u) {
        const T* base;
        int64_t out_off, cols;
        unit_geometry(u, base, out_off, cols);
        fold_unit_chunks(base, cols, 0, chunks, total.get(), part.get());
        for (int64_t j = 0; j < cols; ++j) emit(out_off + j * out_stride, total[j]);
      }
    });
    return;
  }
  // Few units: the chunks of each unit run in parallel, then combine in order.
  auto partial = std::make_unique<Acc[]>(static_cast<size_t>(chunks * kBlock));
  for (int64_t u = 0; u < units; ++u) {
    const T* base;
    int64_t out_off, cols;
    unit_geometry(u, base, out_off, cols);
    parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
      for (int64_t c = b; c < e; ++c) {
        fold_unit_chunks(base, cols, c, c + 1, &partial[c * kBlock], nullptr);
      }
    });
    for (int64_t j = 0; j < cols; ++j) {
      Acc acc = partial[j];
      for (int64_t c = 1; c < chunks; ++c) acc = op.combine(acc, partial[c * kBlock + j]);
      emit(out_off + j * out_stride, acc);
    }
  }
}

}  // namespace reduce_detail

/// Reduces `in` as the plan describes and calls emit(out_offset, acc) once per output element
/// (out_offset in elements, following the plan's output strides), possibly from several
/// threads at once.
/// kAvx2: also compile the hot loops for AVX2 + FMA and use them where the CPU runs them (for
/// the reductions that gain from it; it doubles their compile time).
template <bool kAvx2 = false, class T, class Op, class Emit>
void reduce_plan(const detail::ReductionPlan& plan, const T* in, const Op& op, const Emit& emit) {
  using namespace reduce_detail;
  using Acc = typename Op::acc_t;
  if (plan.kept_numel == 0) return;
  const auto leaves = Leaves<T, Op>::template pick<kAvx2>();
  const int v = vertical_dim(plan);
  if (v >= 0) return reduce_vertical(plan, in, v, op, leaves, emit);

  const int64_t chunks = (plan.red_numel + kChunk - 1) / kChunk;
  const int threads = get_num_threads();
  if (chunks <= 1 || plan.kept_numel >= 2 * threads) {
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(plan.red_numel, 1));
    parallel_for(0, plan.kept_numel, grain, [&](int64_t b, int64_t e) {
      Odometer od(plan.kept_sizes, plan.kept_in_strides, plan.kept_out_strides, b);
      for (int64_t k = b; k < e; ++k, od.next()) {
        // Reducing nothing reads nothing: the input may then be a null pointer, which no
        // offset may be added to.
        emit(od.b, leaves.fold_output(plan.red_numel == 0 ? in : in + od.a, plan, op));
      }
    });
    return;
  }
  // Few outputs over many elements: the chunks of each output run in parallel.
  auto partial = std::make_unique<Acc[]>(static_cast<size_t>(chunks));
  Odometer od(plan.kept_sizes, plan.kept_in_strides, plan.kept_out_strides, 0);
  for (int64_t k = 0; k < plan.kept_numel; ++k, od.next()) {
    const T* base = in + od.a;
    parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
      for (int64_t c = b; c < e; ++c) {
        partial[c] = leaves.fold_range(base, plan, c * kChunk,
                                       std::min(plan.red_numel, (c + 1) * kChunk), op);
      }
    });
    Acc acc = partial[0];
    for (int64_t c = 1; c < chunks; ++c) acc = op.combine(acc, partial[c]);
    emit(od.b, acc);
  }
}

/// reduce_plan writing op.project<Out>(acc) into `out` (element type Out).
template <class T, class Out, bool kAvx2 = false, class Op>
void reduce_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in,
                   const Op& op) {
  Out* out_ptr = static_cast<Out*>(out.data_ptr());
  reduce_plan<kAvx2>(plan, static_cast<const T*>(in.data_ptr()), op,
                     [&](int64_t off, const typename Op::acc_t& acc) {
                       out_ptr[off] = op.template project<Out>(acc);
                     });
}

}  // namespace ember::cpu
