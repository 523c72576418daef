#include "core/ReductionPlan.h"

#include <algorithm>
#include <numeric>

#include "core/CheckedSize.h"

namespace ember::detail {
namespace {

// Sorts dims by `key` ascending (innermost first) and merges neighbours that are contiguous
// with each other in every stride list.
void sort_and_coalesce(DimVector& sizes, DimVector& strides_a, DimVector* strides_b,
                       const DimVector& key) {
  const size_t n = sizes.size();
  DimVector order(n, 0);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t x, int64_t y) { return key[x] < key[y]; });
  DimVector s, a, b;
  for (int64_t idx : order) {
    const int64_t size = sizes[idx];
    const int64_t sa = strides_a[idx];
    const int64_t sb = strides_b ? (*strides_b)[idx] : 0;
    if (!s.empty() && s.back() * a.back() == sa && (!strides_b || s.back() * b.back() == sb)) {
      s.back() *= size;
      continue;
    }
    s.push_back(size);
    a.push_back(sa);
    b.push_back(sb);
  }
  sizes = std::move(s);
  strides_a = std::move(a);
  if (strides_b) *strides_b = std::move(b);
}

}  // namespace

ReductionPlan make_reduction_plan(const Tensor& in, const Tensor& out, uint64_t mask) {
  ReductionPlan plan;
  DimVector kept_key;
  for (int64_t d = 0; d < in.dim(); ++d) {
    const int64_t size = in.sizes()[d];
    if (size == 1) continue;  // contributes nothing to either side
    if (mask & (1ULL << d)) {
      plan.red_sizes.push_back(size);
      plan.red_in_strides.push_back(in.strides()[d]);
      // Beside an empty kept dim, the reduced dims' product may overflow: then it only
      // matters that it is not zero.
      if (!checked_mul(plan.red_numel, size, &plan.red_numel)) plan.red_numel = 1;
    } else {
      plan.kept_sizes.push_back(size);
      plan.kept_in_strides.push_back(in.strides()[d]);
      plan.kept_out_strides.push_back(out.strides()[d]);
      kept_key.push_back(out.strides()[d]);
      if (!checked_mul(plan.kept_numel, size, &plan.kept_numel)) plan.kept_numel = 1;
    }
  }
  if (plan.kept_numel == 0 || plan.red_numel == 0) {
    // Nothing to read (or nothing to write): the kernels only fill identities.
    plan.red_sizes.clear();
    plan.red_in_strides.clear();
    if (plan.red_numel != 0) plan.red_numel = 1;
    if (plan.kept_numel == 0) return plan;
  }
  DimVector red_key(plan.red_in_strides);
  for (auto& k : red_key) k = k < 0 ? -k : k;
  sort_and_coalesce(plan.red_sizes, plan.red_in_strides, nullptr, red_key);
  sort_and_coalesce(plan.kept_sizes, plan.kept_out_strides, &plan.kept_in_strides, kept_key);
  return plan;
}

}  // namespace ember::detail
