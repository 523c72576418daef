// topk and unique on the GPU, built on the CUDA sort kernel through public ops (the CPU
// backend has dedicated kernels). topk: a stable descending (largest) or ascending sort,
// whose first k elements are the CPU kernel's result, ties included (lower index first).
// unique: unique_consecutive of the sorted flattened input (every NaN its own group, as on the
// CPU), the inverse taken back through the sort's order.

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
  auto [values, sorted_inverse, counts] = unique_consecutive(sorted, return_inverse, return_counts);
  // Each sorted element's group, written back at the element's original position.
  const Tensor inverse = return_inverse
                             ? zeros({n}, long_options).scatter_add(0, order, sorted_inverse)
                             : sorted_inverse;
  return {values, inverse, counts};
}

}  // namespace ember::cuda
