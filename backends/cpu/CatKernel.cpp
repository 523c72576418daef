#include <cstring>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/ShapeUtils.h"

namespace ember::cpu {

// Contiguous inputs into a contiguous output are runs of memcpy (one run per index of the
// dimensions before `dim`); anything else goes through the copy kernel on a narrowed view.
void cat_kernel(const Tensor& out, ArrayRef<Tensor> inputs, int64_t dim) {
  const int64_t item = out.element_size();
  // Named parts, not a structured binding: lambdas below capture them (clang 14 cannot).
  const detail::DimSplit split = detail::split_at_dim(out.sizes(), dim);
  const int64_t outer = split.outer, out_size = split.size, inner = split.inner;
  const int64_t out_row = out_size * inner * item;  // bytes per outer index in out
  char* const out_data = static_cast<char*>(out.data_ptr());
  int64_t offset = 0;  // along dim
  for (const Tensor& t : inputs) {
    const int64_t len = t.sizes()[dim];
    if (t.numel() > 0) {
      if (out.is_contiguous() && t.is_contiguous()) {
        const int64_t row = len * inner * item;
        const char* in = static_cast<const char*>(t.data_ptr());
        char* dst = out_data + offset * inner * item;
        if (outer == 1) {
          constexpr int64_t kBytesPerTask = int64_t{1} << 19;
          parallel_for(0, row, kBytesPerTask, [&](int64_t b, int64_t e) {
            std::memcpy(dst + b, in + b, static_cast<size_t>(e - b));
          });
        } else {
          const int64_t grain =
              std::max<int64_t>(1, (int64_t{1} << 19) / std::max<int64_t>(row, 1));
          parallel_for(0, outer, grain, [&](int64_t b, int64_t e) {
            for (int64_t o = b; o < e; ++o) {
              std::memcpy(dst + o * out_row, in + o * row, static_cast<size_t>(row));
            }
          });
        }
      } else {
        copy_kernel(out.narrow(dim, offset, len), t, false);
      }
    }
    offset += len;
  }
}

}  // namespace ember::cpu
