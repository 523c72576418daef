// unique (torch.unique / at::_unique2 over the flattened input) and unique_consecutive.
// unique calls the backend's kernel (sorted values, each element's group, each group's
// count). unique_consecutive is a composite of public ops: a group starts wherever an element
// differs from the one before it (so every NaN starts one, as in PyTorch).

#include "core/ops/SortingOps.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember {

std::tuple<Tensor, Tensor, Tensor> _unique2(const Tensor& t, bool sorted, bool return_inverse,
                                            bool return_counts) {
  // Values come out sorted whatever `sorted` says (PyTorch's CPU and CUDA kernels do the same).
  (void)sorted;
  return native::unique(t, return_inverse, return_counts);
}

std::tuple<Tensor, Tensor, Tensor> unique(const Tensor& t, bool sorted, bool return_inverse,
                                          bool return_counts) {
  return _unique2(t, sorted, return_inverse, return_counts);
}

std::tuple<Tensor, Tensor, Tensor> unique_consecutive(const Tensor& t, bool return_inverse,
                                                      bool return_counts,
                                                      std::optional<int64_t> dim) {
  EMBER_CHECK(!dim.has_value(),
              "unique_consecutive: only dim = None (the flattened input) is supported, got dim {}",
              dim.value_or(0));
  const TensorOptions long_options = TensorOptions().dtype(kLong).device(t.device());
  const Tensor flat = t.reshape({-1});
  const int64_t n = flat.numel();
  if (n == 0) {
    return {flat.clone(),
            return_inverse ? zeros(t.sizes(), long_options) : empty({0}, long_options),
            empty({0}, long_options)};
  }
  const Tensor first = ones({1}, TensorOptions().dtype(kBool).device(t.device()));
  const Tensor starts =
      n == 1 ? first : cat({first, flat.narrow(0, 1, n - 1).ne(flat.narrow(0, 0, n - 1))});
  const Tensor positions = starts.nonzero().reshape({-1});
  const Tensor values = flat.index_select(0, positions);
  Tensor inverse = empty({0}, long_options);
  Tensor counts = empty({0}, long_options);
  if (return_inverse) inverse = (starts.cumsum(0) - 1).reshape(t.sizes());
  if (return_counts) {
    const int64_t groups = positions.numel();
    const Tensor ends = cat({positions.narrow(0, 1, groups - 1), full({1}, n, long_options)});
    counts = ends - positions;
  }
  return {values, inverse, counts};
}

std::tuple<Tensor, Tensor, Tensor> Tensor::unique_consecutive(bool return_inverse,
                                                              bool return_counts,
                                                              std::optional<int64_t> dim) const {
  return ember::unique_consecutive(*this, return_inverse, return_counts, dim);
}

}  // namespace ember
