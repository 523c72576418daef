#include <vector>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "kernels/Convert.h"

namespace ember::cpu {

using namespace detail;

// Two passes over fixed-size chunks: count the non-zeros of each chunk, then let each chunk
// write its coordinates from the prefix sum of the counts (row-major order, as PyTorch).
Tensor nonzero_kernel(const Tensor& input) {
  const Tensor in = input.contiguous();
  const int64_t n = in.numel(), nd = in.dim();
  constexpr int64_t kChunk = kGrainSize;
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<int64_t> starts(static_cast<size_t>(chunks) + 1, 0);
  Tensor out;
  dispatch_dtype<types::kAll>(in.dtype(), "nonzero", kCPU, [&]<class T>() {
    const T* data = in.data_ptr<T>();
    parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
      for (int64_t c = b; c < e; ++c) {
        int64_t count = 0;
        const int64_t end = std::min(n, (c + 1) * kChunk);
        for (int64_t i = c * kChunk; i < end; ++i) count += kernels::convert<bool>(data[i]);
        starts[c + 1] = count;
      }
    });
    for (int64_t c = 0; c < chunks; ++c) starts[c + 1] += starts[c];
    out = empty_tensor({starts[chunks], nd}, kLong, kCPU);
    if (starts[chunks] == 0 || nd == 0) return;
    int64_t* coords = out.data_ptr<int64_t>();
    const IntArrayRef sizes = in.sizes();
    parallel_for(0, chunks, 1, [&](int64_t b, int64_t e) {
      DimVector pos(static_cast<size_t>(nd), 0);
      for (int64_t c = b; c < e; ++c) {
        // Branch-free: every element's coordinates are written at w, which only advances past
        // a non-zero. The loop stops at the chunk's last non-zero, so a write never lands
        // outside the chunk's rows.
        int64_t* w = coords + starts[c] * nd;
        int64_t* const w_end = coords + starts[c + 1] * nd;
        int64_t i = c * kChunk;
        if (nd == 1) {
          for (; w < w_end; ++i) {
            *w = i;
            w += kernels::convert<bool>(data[i]);
          }
          continue;
        }
        int64_t rest = i;
        for (int64_t d = nd - 1; d >= 0; --d) {
          pos[d] = rest % sizes[d];
          rest /= sizes[d];
        }
        for (; w < w_end; ++i) {
          for (int64_t d = 0; d < nd; ++d) w[d] = pos[d];
          w += kernels::convert<bool>(data[i]) ? nd : 0;
          for (int64_t d = nd - 1; d >= 0 && ++pos[d] == sizes[d]; --d) pos[d] = 0;
        }
      }
    });
  });
  return out;
}

}  // namespace ember::cpu
