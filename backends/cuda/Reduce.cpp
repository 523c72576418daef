// Host-side helpers of the reduction driver (kept out of the .cu files).

#include "backends/cuda/ReduceCore.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Tensor.h"

namespace ember::cuda::reduce {

PermutedReduction permute_for_reduction(const Tensor& out, const Tensor& in, bool with_indices) {
  // The reduced dims are those `out` keeps as size 1 (size-1 input dims reduce nothing).
  DimVector perm, reduced;
  int64_t kept_numel = 1, red_numel = 1;
  for (int64_t d = 0; d < in.dim(); ++d) {
    if (out.size(d) == 1 && in.size(d) != 1) {
      reduced.push_back(d);
      red_numel *= in.size(d);
    } else {
      perm.push_back(d);
      kept_numel *= in.size(d);
    }
  }
  for (int64_t d : reduced) perm.push_back(d);
  PermutedReduction r;
  r.in = in.permute(perm).contiguous().view({kept_numel, red_numel});
  r.values = detail::empty_tensor({kept_numel, 1}, out.dtype(), out.device());
  if (with_indices) r.indices = detail::empty_tensor({kept_numel, 1}, kLong, out.device());
  r.plan = detail::make_reduction_plan(r.in, r.values, /*mask=*/0b10);
  return r;
}

void finish_permuted(const PermutedReduction& r, const Tensor& out, const Tensor* indices) {
  Tensor values = out;
  values.copy_(r.values.view(out.sizes()));
  if (indices != nullptr) {
    Tensor idx = *indices;
    idx.copy_(r.indices.view(out.sizes()));
  }
}

void throw_reduce_mismatch(const Tensor& t, Dtype expected, const char* what) {
  if (expected == Dtype::Undefined) EMBER_FAIL("CUDA reduction: {} ({})", what, t.sizes());
  EMBER_FAIL("CUDA reduction: the {} has dtype {} but the kernel expects {}", what, t.dtype(),
             expected);
}

}  // namespace ember::cuda::reduce
