#pragma once

// Python's TensorDataset: any number of tensors sharing their first dimension, example i
// being row i of each. For data::DataLoader, which gathers a whole batch with one
// index_select per tensor. (datasets::TensorDataset, in data/datasets/Tensor.h, is libtorch's
// one-tensor dataset for make_data_loader.)

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::data {

class EMBER_API TensorDataset {
 public:
  /// Every tensor must have at least one dimension, all of the same size in dim 0.
  explicit TensorDataset(std::vector<Tensor> tensors);
  /// TensorDataset(inputs, targets), or any number of tensors.
  template <typename... Tensors>
  requires(sizeof...(Tensors) >= 1 && (std::is_convertible_v<Tensors, Tensor> &&
                                       ...)) explicit TensorDataset(Tensors&&... tensors)
      : TensorDataset(std::vector<Tensor>{Tensor(std::forward<Tensors>(tensors))...}) {}

  /// The number of examples (the tensors' size in dim 0), as Python's len(dataset).
  size_t size() const { return size_; }
  const std::vector<Tensor>& tensors() const { return tensors_; }

  /// Row `index` of each tensor (negative indices count from the end, as in Python).
  std::vector<Tensor> get(int64_t index) const;
  /// The rows `indices` (a 1-d integer tensor) of each tensor, one index_select each.
  std::vector<Tensor> get_batch(const Tensor& indices) const;

 private:
  std::vector<Tensor> tensors_;
  size_t size_ = 0;
};

}  // namespace ember::data
