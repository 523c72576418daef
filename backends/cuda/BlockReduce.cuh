#pragma once

// A block-wide reduction for kernels that give one block a row (softmax, cumsum's carries):
// warp shuffles, then one value per warp through shared memory.

#include <cuda_runtime_api.h>

namespace ember::cuda {

/// Combines `v` over the whole block with `combine(a, b)` (associative); every thread gets the
/// result. blockDim.x must be a multiple of 32 and at most 1024; every thread must call it.
/// `scratch` holds at least 32 values of V and may be reused right after the call returns.
template <class V, class Combine>
__device__ V block_all_reduce(V v, const Combine& combine, V* scratch) {
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  const unsigned nwarps = blockDim.x / 32;
  for (int offset = 16; offset > 0; offset /= 2) {
    v = combine(v, __shfl_down_sync(0xffffffffu, v, offset));
  }
  __syncthreads();  // an earlier call's readers are done with scratch
  if (lane == 0) scratch[warp] = v;
  __syncthreads();
  V r = scratch[0];
  for (unsigned w = 1; w < nwarps; ++w) r = combine(r, scratch[w]);
  return r;
}

}  // namespace ember::cuda
