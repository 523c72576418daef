#pragma once

// The CPU's reduction driver over a ReductionPlan, for the functors of kernels/ReduceOps.h.
// Each output element reduces over the plan's reduced dims; when there are fewer outputs than
// threads, each reduction is cut into fixed-size chunks whose partial results are combined in
// order, so results do not depend on the thread count.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "backends/cpu/Parallel.h"
#include "core/ReductionPlan.h"
#include "ember/core/Functions.h"
#include "ember/core/Tensor.h"

namespace ember::cpu {

/// Folds n contiguous values with several independent accumulators (vectorisable).
template <class T, class Op>
typename Op::acc_t reduce_contiguous(const T* p, int64_t n, const Op& op) {
  using Acc = typename Op::acc_t;
  constexpr int kLanes = 8;
  Acc lanes[kLanes];
  for (auto& l : lanes) l = op.identity();
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int j = 0; j < kLanes; ++j) lanes[j] = op.reduce(lanes[j], static_cast<Acc>(p[i + j]));
  }
  Acc acc = op.identity();
  for (int j = 0; j < kLanes; ++j) acc = op.combine(acc, lanes[j]);
  for (; i < n; ++i) acc = op.reduce(acc, static_cast<Acc>(p[i]));
  return acc;
}

/// Folds the flat range [begin, end) of the plan's reduced dims, starting at `in`.
template <class T, class Op>
typename Op::acc_t reduce_range(const T* in, const detail::ReductionPlan& plan, int64_t begin,
                                int64_t end, const Op& op) {
  using Acc = typename Op::acc_t;
  Acc acc = op.identity();
  const size_t nd = plan.red_sizes.size();
  if (nd == 0) {
    if (plan.red_numel == 1 && begin < end) acc = op.reduce(acc, static_cast<Acc>(in[0]));
    return acc;
  }
  const int64_t inner = plan.red_sizes[0];
  const int64_t s0 = plan.red_in_strides[0];
  for (int64_t i = begin; i < end;) {
    const int64_t pos = i % inner;
    const int64_t run = std::min(inner - pos, end - i);
    int64_t off = pos * s0;
    int64_t rest = i / inner;
    for (size_t d = 1; d < nd; ++d) {
      off += (rest % plan.red_sizes[d]) * plan.red_in_strides[d];
      rest /= plan.red_sizes[d];
    }
    const T* p = in + off;
    if (s0 == 1) {
      acc = op.combine(acc, reduce_contiguous(p, run, op));
    } else {
      for (int64_t j = 0; j < run; ++j) acc = op.reduce(acc, static_cast<Acc>(p[j * s0]));
    }
    i += run;
  }
  return acc;
}

/// Reduces `in` (element type T) into `out` (element type Out) with `op`.
template <class T, class Out, class Op>
void reduce_kernel(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in,
                   const Op& op) {
  using Acc = typename Op::acc_t;
  const T* in_ptr = static_cast<const T*>(in.data_ptr());
  Out* out_ptr = static_cast<Out*>(out.data_ptr());
  if (plan.kept_numel == 0) return;
  auto out_at = [&](int64_t k) -> Out& {
    return out_ptr[detail::flat_offset(k, plan.kept_sizes, plan.kept_out_strides)];
  };
  auto in_at = [&](int64_t k) {
    return in_ptr + detail::flat_offset(k, plan.kept_sizes, plan.kept_in_strides);
  };
  constexpr int64_t kChunk = 65536;
  const bool split_reduction =
      plan.red_numel >= 2 * kChunk && plan.kept_numel < static_cast<int64_t>(get_num_threads());
  if (split_reduction) {
    const int64_t chunks = (plan.red_numel + kChunk - 1) / kChunk;
    std::vector<Acc> partial(static_cast<size_t>(chunks));
    for (int64_t k = 0; k < plan.kept_numel; ++k) {
      const T* base = in_at(k);
      parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
        for (int64_t c = b; c < e; ++c) {
          partial[c] = reduce_range(base, plan, c * kChunk,
                                    std::min(plan.red_numel, (c + 1) * kChunk), op);
        }
      });
      Acc acc = op.identity();
      for (const Acc& p : partial) acc = op.combine(acc, p);
      out_at(k) = op.template project<Out>(acc);
    }
    return;
  }
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(plan.red_numel, 1));
  parallel_for(0, plan.kept_numel, grain, [&](int64_t b, int64_t e) {
    for (int64_t k = b; k < e; ++k) {
      out_at(k) = op.template project<Out>(reduce_range(in_at(k), plan, 0, plan.red_numel, op));
    }
  });
}

}  // namespace ember::cpu
