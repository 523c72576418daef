#pragma once

// The CUDA reduction driver: gpu_reduce<T, Out>(plan, out, in, op) reduces `in` (elements T)
// into `out` (elements Out) with a kernels/ReduceOps.h functor, on the input's device and
// current stream. See ReduceCore.h for the launch layout. Index-tracking ops (ArgMaxOp) also
// write int64 indices.

#include <cuda_runtime_api.h>

#include <algorithm>

#include "backends/cuda/CudaCachingAllocator.h"
#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "backends/cuda/ReduceCore.h"
#include "ember/core/Tensor.h"

namespace ember::cuda {

namespace reduce {

/// Reduces along `lane` (x in inner mode, y in outer mode) within each block row/column;
/// every thread of the block must call it. Returns the result in lane 0's thread.
template <class Op>
__device__ typename Op::acc_t block_combine(typename Op::acc_t acc, bool inner, int bx, int by,
                                            const Op& op) {
  using Acc = typename Op::acc_t;
  extern __shared__ __align__(16) unsigned char shared_raw[];
  Acc* smem = reinterpret_cast<Acc*>(shared_raw);
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int t = ty * bx + tx;
  smem[t] = acc;
  __syncthreads();
  if (inner) {
    for (int s = bx / 2; s > 0; s >>= 1) {
      if (tx < s) smem[t] = op.combine(smem[t], smem[t + s]);
      __syncthreads();
    }
  } else {
    for (int s = by / 2; s > 0; s >>= 1) {
      if (ty < s) smem[t] = op.combine(smem[t], smem[t + s * bx]);
      __syncthreads();
    }
  }
  return smem[t];
}

}  // namespace reduce

template <int VEC, class Op, class T, class Out>
__global__ void __launch_bounds__(kReduceThreads)
    reduce_kernel(ReduceParams p, const T* in, Out* out, int64_t* indices,
                  typename Op::acc_t* partials, Op op) {
  using Acc = typename Op::acc_t;
  const int64_t k =
      p.inner ? int64_t(blockIdx.x) * p.by + threadIdx.y : int64_t(blockIdx.x) * p.bx + threadIdx.x;
  const int64_t lane = p.inner ? threadIdx.x : threadIdx.y;
  const int64_t nlanes = p.inner ? p.bx : p.by;
  const int64_t g = blockIdx.y;
  const int64_t r0 = g * p.chunk;
  const int64_t r1 = r0 + p.chunk < p.reduced ? r0 + p.chunk : p.reduced;
  Acc acc =
      k < p.outputs ? reduce::lane_partial<VEC>(p, in, k, r0, r1, lane, nlanes, op) : op.identity();
  acc = reduce::block_combine(acc, p.inner, p.bx, p.by, op);
  if (lane == 0 && k < p.outputs) {
    if (p.splits == 1) {
      reduce::write_output(p, op, out, indices, k, acc);
    } else {
      partials[g * p.outputs + k] = acc;
    }
  }
}

// Combines the per-split partial results [split][output] in a fixed order: x lanes take
// consecutive outputs, y lanes stride over the splits.
template <class Op, class Out>
__global__ void __launch_bounds__(kReduceThreads)
    combine_partials_kernel(ReduceParams p, const typename Op::acc_t* partials, Out* out,
                            int64_t* indices, Op op) {
  using Acc = typename Op::acc_t;
  const int bx = blockDim.x, by = blockDim.y;
  const int64_t k = int64_t(blockIdx.x) * bx + threadIdx.x;
  Acc acc = op.identity();
  if (k < p.outputs) {
    for (int64_t g = threadIdx.y; g < p.splits; g += by) {
      acc = op.combine(acc, partials[g * p.outputs + k]);
    }
  }
  acc = reduce::block_combine(acc, /*inner=*/false, bx, by, op);
  if (threadIdx.y == 0 && k < p.outputs) reduce::write_output(p, op, out, indices, k, acc);
}

/// Reduces `in` into `out` (keepdim shape) as `plan` says, with `op`; index ops also write
/// `*indices` (int64, out's shape).
template <class T, class Out, class Op>
void gpu_reduce(const detail::ReductionPlan& plan, const Tensor& out, const Tensor& in,
                const Op& op, const Tensor* indices = nullptr) {
  using Acc = typename Op::acc_t;
  if (in.dtype() != dtype_of<T>()) reduce::throw_reduce_mismatch(in, dtype_of<T>(), "input");
  if (out.dtype() != dtype_of<Out>()) reduce::throw_reduce_mismatch(out, dtype_of<Out>(), "output");
  if (plan.kept_numel == 0) return;
  if (!plan_fits(plan) || (indices != nullptr && indices->strides() != out.strides())) {
    const reduce::PermutedReduction r = reduce::permute_for_reduction(out, in, indices != nullptr);
    gpu_reduce<T, Out>(r.plan, r.values, r.in, op, indices != nullptr ? &r.indices : nullptr);
    reduce::finish_permuted(r, out, indices);
    return;
  }
  const int8_t device = in.device().index();
  impl::RawDeviceGuard guard(device);
  const cudaStream_t stream = impl::current_raw_stream(device);
  constexpr int VEC = sizeof(T) >= 16 ? 1 : static_cast<int>(16 / sizeof(T));
  const ReduceParams p = make_reduce_params(plan, in.data_ptr(), sizeof(T), VEC,
                                            impl::device_properties(device).multiProcessorCount);
  if (p.blocks_x > INT32_MAX) {
    reduce::throw_reduce_mismatch(out, Dtype::Undefined, "too many outputs for one launch");
  }
  const size_t shared = kReduceThreads * sizeof(Acc);
  DataPtr workspace;
  Acc* partials = nullptr;
  if (p.splits > 1) {
    workspace = impl::device_allocator()->allocate(
        static_cast<size_t>(p.outputs * p.splits) * sizeof(Acc), Device(kCUDA, device));
    partials = static_cast<Acc*>(workspace.get());
  }
  const T* in_ptr = static_cast<const T*>(in.data_ptr());
  Out* out_ptr = static_cast<Out*>(out.data_ptr());
  int64_t* idx_ptr = indices != nullptr ? static_cast<int64_t*>(indices->data_ptr()) : nullptr;
  const dim3 grid(static_cast<unsigned>(p.blocks_x), static_cast<unsigned>(p.splits));
  const dim3 block(static_cast<unsigned>(p.bx), static_cast<unsigned>(p.by));
  reduce_kernel<VEC, Op, T, Out>
      <<<grid, block, shared, stream>>>(p, in_ptr, out_ptr, idx_ptr, partials, op);
  EMBER_CUDA_LAUNCH_CHECK("reduce_kernel");
  if (p.splits > 1) {
    const int bx = static_cast<int>(std::min<int64_t>(32, reduce::next_pow2(p.outputs)));
    const dim3 grid2(static_cast<unsigned>((p.outputs + bx - 1) / bx));
    const dim3 block2(static_cast<unsigned>(bx), static_cast<unsigned>(kReduceThreads / bx));
    combine_partials_kernel<Op, Out>
        <<<grid2, block2, shared, stream>>>(p, partials, out_ptr, idx_ptr, op);
    EMBER_CUDA_LAUNCH_CHECK("combine_partials_kernel");
  }
}

}  // namespace ember::cuda
