#pragma once

// libtorch's datasets::TensorDataset: the rows of one tensor (dim 0), each example a
// TensorExample without a target. From a list of tensors it stacks them first, as libtorch
// does. (ember::data::TensorDataset, of data/TensorDataset.h, holds several tensors sharing
// dim 0, as Python's TensorDataset.)

#include <cstddef>
#include <optional>
#include <vector>

#include "ember/core/Functions.h"
#include "ember/data/Example.h"
#include "ember/data/datasets/Base.h"

namespace ember::data::datasets {

struct TensorDataset : public Dataset<TensorDataset, TensorExample> {
  explicit TensorDataset(const std::vector<Tensor>& tensors)
      : TensorDataset(ember::stack(tensors)) {}
  explicit TensorDataset(Tensor tensor) : tensor(std::move(tensor)) {}

  TensorExample get(size_t index) override { return tensor[static_cast<int64_t>(index)]; }

  std::optional<size_t> size() const override { return static_cast<size_t>(tensor.size(0)); }

  Tensor tensor;
};

}  // namespace ember::data::datasets
