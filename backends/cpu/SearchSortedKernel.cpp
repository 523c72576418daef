// CPU searchsorted: a binary search of each value in its row of boundaries, with PyTorch's
// comparisons (written as !(mid >= v) / !(mid > v), so a NaN value lands at the end and NaN
// boundaries compare as PyTorch's do).

#include <algorithm>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "core/DtypeDispatch.h"
#include "kernels/Convert.h"
#include "kernels/OpMath.h"

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
    using C = kernels::opmath_t<T>;
    const T* bd = static_cast<const T*>(boundaries.data_ptr());
    const T* val = static_cast<const T*>(values.data_ptr());
    const bool out_long = out.dtype() == kLong;
    parallel_for(0, rows * n, kGrainSize / 16, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        const int64_t row_offset = one_row ? 0 : (i / n) * m;
        const T* row = bd + row_offset;
        const int64_t* srow = sort_idx ? sort_idx + row_offset : nullptr;
        const C v = kernels::convert<C>(val[i]);
        int64_t lo = 0, hi = m;
        while (lo < hi) {
          const int64_t mid = lo + ((hi - lo) >> 1);
          const C mv = kernels::convert<C>(row[srow ? srow[mid] : mid]);
          if (right ? !(mv > v) : !(mv >= v)) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
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
