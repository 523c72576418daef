#pragma once

// The launch shape of the one-thread-per-element kernels of the window, pooling and
// normalisation families: 256-thread blocks, at most 65535 of them, each thread striding over
// the elements by the whole grid.

#include <algorithm>
#include <cstdint>

namespace ember::cuda {

inline constexpr int kGridThreads = 256;

/// Blocks for n elements (grid-stride loops cover the rest when n is larger).
inline unsigned grid_blocks(int64_t n) {
  constexpr int64_t kMaxBlocks = 65535;
  return static_cast<unsigned>(std::min((n + kGridThreads - 1) / kGridThreads, kMaxBlocks));
}

}  // namespace ember::cuda

/// for (int64_t e = <this thread's first>; e < n; e += <threads in the grid>)
#define EMBER_GRID_STRIDE_LOOP(e, n)                                        \
  for (int64_t e = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; e < (n); \
       e += int64_t(gridDim.x) * blockDim.x)
