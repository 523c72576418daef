// CPU unique of a flattened tensor: keys radix-sorted (backends/cpu/SortKeys.h), then one scan
// over runs of equal keys. Without return_inverse only the keys are sorted (values come back
// from them), else (key, index) records, so each element's group can be written back. NaNs
// are each their own group, as in PyTorch.

#include <vector>

#include "backends/cpu/Kernels.h"
#include "backends/cpu/SortKeys.h"
#include "core/DtypeDispatch.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"

namespace ember::cpu {

using namespace detail;

std::tuple<Tensor, Tensor, Tensor> unique_kernel(const Tensor& in, bool return_inverse,
                                                 bool return_counts) {
  // in is contiguous; its elements are taken in flattened order.
  const int64_t n = in.numel();
  EMBER_CHECK(n <= int64_t{UINT32_MAX}, "unique: {} elements are too many (at most {})", n,
              UINT32_MAX);
  return dispatch_dtype<types::kAll>(in.dtype(), "unique", kCPU, [&]<class T>() {
    using K = sort_key_t<T>;
    const T* x = static_cast<const T*>(in.data_ptr());
    std::vector<T> uniq;
    std::vector<int64_t> counts;
    Tensor inverse = empty_tensor({return_inverse ? n : 0}, kLong, in.device());
    // A new group starts at each key differing from the previous one, and at every NaN.
    const auto starts_group = [](int64_t i, K key, K prev) {
      return i == 0 || key != prev || is_nan_key<T>(key);
    };
    if (return_inverse) {
      using Rec = KeyIndex<K>;
      std::vector<Rec> recs(static_cast<size_t>(n)), scratch(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) recs[i] = Rec{sort_key(x[i]), static_cast<uint32_t>(i)};
      radix_sort(recs.data(), scratch.data(), n, [](const Rec& r) { return r.key; });
      int64_t* inv = static_cast<int64_t*>(inverse.data_ptr());
      for (int64_t i = 0; i < n; ++i) {
        if (starts_group(i, recs[i].key, i ? recs[i - 1].key : 0)) {
          uniq.push_back(x[recs[i].index]);
          counts.push_back(0);
        }
        ++counts.back();
        inv[recs[i].index] = static_cast<int64_t>(uniq.size()) - 1;
      }
    } else {
      std::vector<K> keys(static_cast<size_t>(n)), scratch(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) keys[i] = sort_key(x[i]);
      radix_sort(keys.data(), scratch.data(), n, [](K k) { return k; });
      for (int64_t i = 0; i < n; ++i) {
        if (starts_group(i, keys[i], i ? keys[i - 1] : 0)) {
          uniq.push_back(from_sort_key<T>(keys[i]));
          if (return_counts) counts.push_back(0);
        }
        if (return_counts) ++counts.back();
      }
    }
    const int64_t groups = static_cast<int64_t>(uniq.size());
    Tensor values = empty_tensor({groups}, in.dtype(), in.device());
    std::copy(uniq.begin(), uniq.end(), static_cast<T*>(values.data_ptr()));
    Tensor count_tensor = empty_tensor({return_counts ? groups : 0}, kLong, in.device());
    if (return_counts) {
      std::copy(counts.begin(), counts.end(), static_cast<int64_t*>(count_tensor.data_ptr()));
    }
    return std::tuple<Tensor, Tensor, Tensor>{values, inverse, count_tensor};
  });
}

}  // namespace ember::cpu
