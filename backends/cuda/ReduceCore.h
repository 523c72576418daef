#pragma once

// The CUDA reductions' launch configuration and per-thread work, written without CUDA headers
// so tests run them on the host. Reduce.cuh wraps them in kernels.
//
// A block of kReduceThreads threads is laid out (bx, by). In "inner" mode the x lanes of a
// block row share one output and split its reduction (reduced elements adjacent in memory:
// coalesced); in "outer" mode each x lane has its own output and the y lanes split the
// reduction (outputs adjacent in memory). Blocks cover the outputs along grid.x; when there
// are too few outputs to fill the GPU, grid.y splits each reduction into chunks whose partial
// results a second kernel combines in a fixed order (deterministic results).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "backends/cuda/ElementwiseCore.h"
#include "backends/cuda/IndexMath.h"
#include "core/ReductionPlan.h"
#include "ember/core/Macros.h"
#include "ember/core/Tensor.h"
#include "kernels/Convert.h"

namespace ember::cuda {

inline constexpr int kReduceThreads = 256;

struct ReduceParams {
  int kept_ndim = 0;
  int red_ndim = 0;
  int64_t kept_sizes[kMaxDims] = {};
  int64_t kept_in_strides[kMaxDims] = {};
  int64_t kept_out_strides[kMaxDims] = {};
  int64_t red_sizes[kMaxDims] = {};
  int64_t red_in_strides[kMaxDims] = {};
  int64_t outputs = 0;     // K: number of output elements
  int64_t reduced = 0;     // R: elements reduced into each output
  bool inner = true;       // lanes along x share an output (else along y)
  int bx = 1, by = 1;      // block shape
  int64_t blocks_x = 1;    // grid.x
  int64_t splits = 1;      // grid.y: chunks per reduction
  int64_t chunk = 0;       // elements of the reduction per split
  bool vectorize = false;  // inner mode, unit reduced stride, aligned rows
};

namespace reduce {

inline int64_t next_pow2(int64_t n) {
  int64_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

/// Element offset of flat index i over dims (sizes, strides), innermost first.
EMBER_HOST_DEVICE inline int64_t offset_of(int64_t i, int ndim, const int64_t* sizes,
                                           const int64_t* strides) {
  int64_t off = 0;
  for (int d = 0; d < ndim; ++d) {
    const int64_t q = i / sizes[d];
    off += (i - q * sizes[d]) * strides[d];
    i = q;
  }
  return off;
}

}  // namespace reduce

/// Whether the plan fits the kernels (else the launcher reduces a permuted copy).
inline bool plan_fits(const detail::ReductionPlan& plan) {
  return plan.kept_sizes.size() <= static_cast<size_t>(kMaxDims) &&
         plan.red_sizes.size() <= static_cast<size_t>(kMaxDims);
}

/// The launch configuration for reducing with `plan` elements of `item_size` bytes starting
/// at `in`, with vectors of `vec` elements, on a GPU with `sm_count` multiprocessors.
inline ReduceParams make_reduce_params(const detail::ReductionPlan& plan, const void* in,
                                       int64_t item_size, int vec, int sm_count) {
  ReduceParams p;
  p.kept_ndim = static_cast<int>(plan.kept_sizes.size());
  p.red_ndim = static_cast<int>(plan.red_sizes.size());
  for (int d = 0; d < p.kept_ndim; ++d) {
    p.kept_sizes[d] = plan.kept_sizes[d];
    p.kept_in_strides[d] = plan.kept_in_strides[d];
    p.kept_out_strides[d] = plan.kept_out_strides[d];
  }
  for (int d = 0; d < p.red_ndim; ++d) {
    p.red_sizes[d] = plan.red_sizes[d];
    p.red_in_strides[d] = plan.red_in_strides[d];
  }
  p.outputs = plan.kept_numel;
  p.reduced = plan.red_numel;
  const int64_t K = p.outputs, R = p.reduced;

  auto abs64 = [](int64_t v) { return v < 0 ? -v : v; };
  const bool red_unit = p.red_ndim == 1 && p.red_in_strides[0] == 1;
  const bool kept_unit = p.kept_ndim > 0 && abs64(p.kept_in_strides[0]) == 1;
  if (K == 1 || red_unit) {
    p.inner = true;
  } else if (kept_unit || p.red_ndim == 0) {
    p.inner = false;
  } else {
    p.inner = abs64(p.red_in_strides[0]) < abs64(p.kept_in_strides[0]);
  }

  if (p.inner && red_unit && vec > 1 && R >= vec &&
      reinterpret_cast<uintptr_t>(in) % static_cast<uintptr_t>(vec * item_size) == 0) {
    p.vectorize = true;
    for (int d = 0; d < p.kept_ndim; ++d) {
      if (p.kept_in_strides[d] % vec != 0) p.vectorize = false;
    }
  }
  const int64_t step = p.vectorize ? vec : 1;  // elements per lane access

  if (p.inner) {
    p.bx = static_cast<int>(
        std::clamp<int64_t>(reduce::next_pow2((R + step - 1) / step), 1, kReduceThreads));
    p.by = kReduceThreads / p.bx;
    p.blocks_x = (K + p.by - 1) / p.by;
  } else {
    p.bx = static_cast<int>(std::clamp<int64_t>(reduce::next_pow2(K), 1, 32));
    p.by = kReduceThreads / p.bx;
    p.blocks_x = (K + p.bx - 1) / p.bx;
  }

  // Split the reductions across grid.y when the outputs alone leave the GPU idle, keeping
  // at least kMinPerLane accesses per lane.
  constexpr int64_t kMinPerLane = 16;
  const int64_t lanes = p.inner ? p.bx : p.by;
  const int64_t target_blocks = std::max<int64_t>(1, int64_t(sm_count) * 8);
  int64_t splits = 1;
  if (p.blocks_x < target_blocks && R > 0) {
    const int64_t by_work = (R + lanes * step * kMinPerLane - 1) / (lanes * step * kMinPerLane);
    splits = std::min({(target_blocks + p.blocks_x - 1) / p.blocks_x, by_work, int64_t(65535)});
    splits = std::max<int64_t>(splits, 1);
  }
  int64_t chunk = R > 0 ? (R + splits - 1) / splits : 0;
  chunk = (chunk + step - 1) / step * step;
  p.splits = chunk > 0 ? (R + chunk - 1) / chunk : 1;
  p.chunk = chunk;
  return p;
}

namespace reduce {

template <class Op>
struct ValueType {
  using type = typename Op::acc_t;
};
template <class Op>
requires requires { typename Op::in_t; }
struct ValueType<Op> {
  using type = typename Op::in_t;
};

/// Folds one loaded element into the accumulator (index-tracking ops get its position).
template <class Op, class T>
EMBER_HOST_DEVICE inline typename Op::acc_t fold(const Op& op, typename Op::acc_t acc, T v,
                                                 int64_t r) {
  using V = typename ValueType<Op>::type;
  if constexpr (requires { op.reduce(acc, V{}, r); }) {
    return op.reduce(acc, static_cast<V>(v), r);
  } else {
    return op.reduce(acc, static_cast<V>(v));
  }
}

/// One lane's partial result for output k over reduction indices [r0, r1): lane `lane` of
/// `nlanes` takes every nlanes-th element (or VEC-element vector when vectorizing).
template <int VEC, class Op, class T>
EMBER_HOST_DEVICE inline typename Op::acc_t lane_partial(const ReduceParams& p, const T* in,
                                                         int64_t k, int64_t r0, int64_t r1,
                                                         int64_t lane, int64_t nlanes,
                                                         const Op& op) {
  typename Op::acc_t acc = op.identity();
  const T* base = in + reduce::offset_of(k, p.kept_ndim, p.kept_sizes, p.kept_in_strides);
  if (p.vectorize) {
    if constexpr (VEC > 1) {
      const int64_t nvec = (r1 - r0) / VEC;
      auto vec_at = [&](int64_t v) {
        return loops::load_vec<T, VEC>(reinterpret_cast<const char*>(base + r0 + v * VEC));
      };
      int64_t v = lane;
      // Four independent 16-byte loads in flight per lane, then fold them in order.
      for (; v + 3 * nlanes < nvec; v += 4 * nlanes) {
        const Vec<T, VEC> x[4] = {vec_at(v), vec_at(v + nlanes), vec_at(v + 2 * nlanes),
                                  vec_at(v + 3 * nlanes)};
        EMBER_UNROLL
        for (int u = 0; u < 4; ++u) {
          const int64_t r = r0 + (v + u * nlanes) * VEC;
          EMBER_UNROLL
          for (int j = 0; j < VEC; ++j) acc = fold(op, acc, x[u].v[j], r + j);
        }
      }
      for (; v < nvec; v += nlanes) {
        const Vec<T, VEC> x = vec_at(v);
        EMBER_UNROLL
        for (int j = 0; j < VEC; ++j) acc = fold(op, acc, x.v[j], r0 + v * VEC + j);
      }
      for (int64_t r = r0 + nvec * VEC + lane; r < r1; r += nlanes) {
        acc = fold(op, acc, loops::load<T>(reinterpret_cast<const char*>(base + r)), r);
      }
      return acc;
    }
  }
  if (p.red_ndim <= 1) {
    const int64_t s = p.red_ndim == 1 ? p.red_in_strides[0] : 0;
    for (int64_t r = r0 + lane; r < r1; r += nlanes) {
      acc = fold(op, acc, loops::load<T>(reinterpret_cast<const char*>(base + r * s)), r);
    }
  } else {
    for (int64_t r = r0 + lane; r < r1; r += nlanes) {
      const int64_t off = offset_of(r, p.red_ndim, p.red_sizes, p.red_in_strides);
      acc = fold(op, acc, loops::load<T>(reinterpret_cast<const char*>(base + off)), r);
    }
  }
  return acc;
}

/// A reduction redone over a permuted contiguous copy of the input (kept dims first, then
/// reduced ones), for plans the kernels cannot take directly (Reduce.cpp).
struct PermutedReduction {
  Tensor in;
  Tensor values;
  Tensor indices;
  detail::ReductionPlan plan;
};
PermutedReduction permute_for_reduction(const Tensor& out, const Tensor& in, bool with_indices);
/// Copies a PermutedReduction's results into the real outputs.
void finish_permuted(const PermutedReduction& r, const Tensor& out, const Tensor* indices);
/// Throws the error for a dtype the kernel does not expect (or a launch that is too large).
[[noreturn]] void throw_reduce_mismatch(const Tensor& t, Dtype expected, const char* what);

/// Element offset of output k.
EMBER_HOST_DEVICE inline int64_t output_offset(const ReduceParams& p, int64_t k) {
  return offset_of(k, p.kept_ndim, p.kept_sizes, p.kept_out_strides);
}

/// Writes the final value of output k (values and, for index ops, indices).
template <class Op, class Out>
EMBER_HOST_DEVICE inline void write_output(const ReduceParams& p, const Op& op, Out* out,
                                           int64_t* indices, int64_t k,
                                           const typename Op::acc_t& acc) {
  const int64_t off = output_offset(p, k);
  if constexpr (requires { acc.index; }) {
    loops::store<Out>(reinterpret_cast<char*>(out + off), kernels::convert<Out>(acc.value));
    loops::store<int64_t>(reinterpret_cast<char*>(indices + off), acc.index);
  } else {
    loops::store<Out>(reinterpret_cast<char*>(out + off), op.template project<Out>(acc));
  }
}

}  // namespace reduce
}  // namespace ember::cuda
