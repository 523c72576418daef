// CPU sort along a dim: every line (the elements along the dim for one position of the others)
// becomes (key, index) records, radix-sorted by key (backends/cpu/SortKeys.h), so NaNs order
// last ascending and first descending and equal elements keep their order (always stable).
// Values are read back from the input through the sorted indices (keeping -0.0 and NaN
// payloads). Lines are spread over the thread pool.

#include <algorithm>
#include <vector>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "backends/cpu/SortKeys.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "ember/core/Check.h"

namespace ember::cpu {

using namespace detail;

void sort_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
                 bool descending) {
  // in, values and indices are contiguous with the same shape: [outer, size, inner].
  const DimSplit split = split_at_dim(in.sizes(), dim);
  const int64_t outer = split.outer, size = split.size, inner = split.inner;
  if (split.numel() == 0) return;
  EMBER_CHECK(size <= int64_t{UINT32_MAX}, "sort: a dim of {} elements is too long (at most {})",
              size, UINT32_MAX);
  dispatch_dtype<types::kAll>(in.dtype(), "sort", kCPU, [&]<class T>() {
    using K = sort_key_t<T>;
    using Rec = KeyIndex<K>;
    const T* x = static_cast<const T*>(in.data_ptr());
    T* v = static_cast<T*>(values.data_ptr());
    int64_t* idx = static_cast<int64_t*>(indices.data_ptr());
    const K flip = descending ? ~K{0} : K{0};
    const int64_t grain = std::max<int64_t>(1, kGrainSize / size);
    parallel_for(0, outer * inner, grain, [&](int64_t b, int64_t e) {
      std::vector<Rec> recs(static_cast<size_t>(size)), scratch(static_cast<size_t>(size));
      for (int64_t line = b; line < e; ++line) {
        const int64_t base = (line / inner) * size * inner + line % inner;
        const T* xl = x + base;
        for (int64_t i = 0; i < size; ++i) {
          recs[i] = Rec{static_cast<K>(sort_key(xl[i * inner]) ^ flip), static_cast<uint32_t>(i)};
        }
        radix_sort(recs.data(), scratch.data(), size, [](const Rec& r) { return r.key; });
        T* vl = v + base;
        int64_t* il = idx + base;
        for (int64_t i = 0; i < size; ++i) {
          const int64_t src = recs[i].index;
          vl[i * inner] = xl[src * inner];
          il[i * inner] = src;
        }
      }
    });
  });
}

}  // namespace ember::cpu
