// CPU searchsorted: a binary search of each value in its row of boundaries
// (kernels/SearchSorted.h, PyTorch's comparisons).

#include <algorithm>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "kernels/SearchSorted.h"

namespace ember::cpu {

using namespace detail;

void searchsorted_kernel(const Tensor& out, const Tensor& boundaries, const Tensor& values,
                         const Tensor& sorter, bool right) {
  // boundaries [rows, m] and values [rows, n] contiguous (rows = 1: one sequence for all the
  // values); sorter undefined or int64 [rows, m]; out int64 or int32 [rows, n].
  const int64_t m = boundaries.size(-1);
  const int64_t n = values.numel() == 0 ? 0 : values.size(-1);
  const int64_t rows = n == 0 ? 0 : values.numel() / n;
  const bool one_row = boundaries.dim() == 1;
  const int64_t* sort_idx =
      sorter.defined() ? static_cast<const int64_t*>(sorter.data_ptr()) : nullptr;
  dispatch_dtype<types::kNumeric>(values.dtype(), "searchsorted", kCPU, [&]<class T>() {
    const T* bd = static_cast<const T*>(boundaries.data_ptr());
    const T* val = static_cast<const T*>(values.data_ptr());
    const bool out_long = out.dtype() == kLong;
    parallel_for(0, rows * n, kGrainSize / 16, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        const int64_t row_offset = one_row ? 0 : (i / n) * m;
        const T* row = bd + row_offset;
        const int64_t* srow = sort_idx ? sort_idx + row_offset : nullptr;
        const int64_t lo = kernels::insertion_point(row, srow, m, val[i], right);
        if (out_long) {
          static_cast<int64_t*>(out.data_ptr())[i] = lo;
        } else {
          static_cast<int32_t*>(out.data_ptr())[i] = static_cast<int32_t>(lo);
        }
      }
    });
  });
}

}  // namespace ember::cpu
