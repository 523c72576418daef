// CPU topk along a dim. Each line becomes (key, index) records with the wanted end first
// (keys complemented for largest), and the k records smallest by (key, index) are selected:
// for small k by one pass keeping a heap of the best k (most elements are rejected by one
// comparison with the heap's worst), else by nth_element. Among equal values the lower
// index wins; the k results are returned in order (sorted or not, as PyTorch allows).

#include <algorithm>
#include <vector>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/Parallel.h"
#include "backends/cpu/SortKeys.h"
#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"

namespace ember::cpu {

using namespace detail;

namespace {

// The k best (smallest by key, then index) of the line's records, in order, into `best`.
template <class T, class K>
void select_line(const T* xl, int64_t size, int64_t inner, int64_t k, K flip,
                 std::vector<KeyIndex<K>>& best) {
  using Rec = KeyIndex<K>;
  const auto rec = [&](int64_t i) {
    return Rec{static_cast<K>(sort_key(xl[i * inner]) ^ flip), static_cast<uint32_t>(i)};
  };
  best.clear();
  if (k * 16 <= size) {
    // A max-heap of the best k so far: its front is the worst kept.
    for (int64_t i = 0; i < k; ++i) best.push_back(rec(i));
    std::make_heap(best.begin(), best.end(), key_index_less<K>);
    for (int64_t i = k; i < size; ++i) {
      const K key = static_cast<K>(sort_key(xl[i * inner]) ^ flip);
      // Later indices lose ties, so only a strictly smaller key enters.
      if (key < best.front().key) {
        std::pop_heap(best.begin(), best.end(), key_index_less<K>);
        best.back() = Rec{key, static_cast<uint32_t>(i)};
        std::push_heap(best.begin(), best.end(), key_index_less<K>);
      }
    }
  } else {
    for (int64_t i = 0; i < size; ++i) best.push_back(rec(i));
    if (k < size) {
      std::nth_element(best.begin(), best.begin() + k, best.end(), key_index_less<K>);
      best.resize(static_cast<size_t>(k));
    }
  }
  std::sort(best.begin(), best.end(), key_index_less<K>);
}

}  // namespace

void topk_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
                 int64_t k, bool largest) {
  // in is contiguous [outer, size, inner]; values and indices contiguous [outer, k, inner].
  const DimSplit split = split_at_dim(in.sizes(), dim);
  const int64_t outer = split.outer, size = split.size, inner = split.inner;
  if (outer == 0 || inner == 0 || k == 0) return;
  dispatch_dtype<types::kAll>(in.dtype(), "topk", kCPU, [&]<class T>() {
    using K = sort_key_t<T>;
    const T* x = static_cast<const T*>(in.data_ptr());
    T* v = static_cast<T*>(values.data_ptr());
    int64_t* idx = static_cast<int64_t*>(indices.data_ptr());
    const K flip = largest ? ~K{0} : K{0};
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(size, 1));
    parallel_for(0, outer * inner, grain, [&](int64_t b, int64_t e) {
      std::vector<KeyIndex<K>> best;
      for (int64_t line = b; line < e; ++line) {
        const int64_t o = line / inner, j = line % inner;
        const T* xl = x + o * size * inner + j;
        select_line(xl, size, inner, k, flip, best);
        T* vl = v + o * k * inner + j;
        int64_t* il = idx + o * k * inner + j;
        for (int64_t i = 0; i < k; ++i) {
          vl[i * inner] = xl[best[i].index * inner];
          il[i * inner] = best[i].index;
        }
      }
    });
  });
}

}  // namespace ember::cpu
