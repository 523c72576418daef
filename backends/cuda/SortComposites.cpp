// topk and unique on the GPU, built on the CUDA sort kernel through public ops (the CPU
// backend has dedicated kernels). topk: a stable descending (largest) or ascending sort,
// whose first k elements are the CPU kernel's result, ties included (lower index first).
// unique: a sort of the flattened input; a group starts wherever a sorted value differs from
// the one before it (every NaN does, as on the CPU).

#include "backends/cuda/Kernels.h"
#include "core/TensorFactory.h"
#include "ember/core/Functions.h"

namespace ember::cuda {

void topk_kernel(const Tensor& values, const Tensor& indices, const Tensor& in, int64_t dim,
                 int64_t k, bool largest) {
  // Called with recording off (the front end's body), so the sort records nothing.
  auto [sorted, order] = ember::sort(in, dim, largest);
  Tensor(values).copy_(sorted.narrow(dim, 0, k));
  Tensor(indices).copy_(order.narrow(dim, 0, k));
}

std::tuple<Tensor, Tensor, Tensor> unique_kernel(const Tensor& in, bool return_inverse,
                                                 bool return_counts) {
  const TensorOptions long_options = TensorOptions().dtype(kLong).device(in.device());
  const int64_t n = in.numel();
  if (n == 0) {
    return {in.reshape({0}).clone(), empty({0}, long_options), empty({0}, long_options)};
  }
  auto [sorted, order] = ember::sort(in.reshape({-1}), 0, false);
  const Tensor first = ones({1}, TensorOptions().dtype(kBool).device(in.device()));
  const Tensor starts =
      n == 1 ? first : cat({first, sorted.narrow(0, 1, n - 1).ne(sorted.narrow(0, 0, n - 1))});
  const Tensor positions = starts.nonzero().reshape({-1});
  const Tensor values = sorted.index_select(0, positions);
  Tensor inverse = empty({0}, long_options);
  Tensor counts = empty({0}, long_options);
  if (return_inverse) {
    inverse = zeros({n}, long_options).scatter_add(0, order, starts.cumsum(0) - 1);
  }
  if (return_counts) {
    const int64_t groups = positions.numel();
    counts = cat({positions.narrow(0, 1, groups - 1), full({1}, n, long_options)}) - positions;
  }
  return {values, inverse, counts};
}

}  // namespace ember::cuda
