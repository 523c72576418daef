#include "ember/data/TensorDataset.h"

#include "ember/core/Check.h"

namespace ember::data {

TensorDataset::TensorDataset(std::vector<Tensor> tensors) : tensors_(std::move(tensors)) {
  EMBER_CHECK(!tensors_.empty(), "TensorDataset: expected at least one tensor, got none");
  for (size_t i = 0; i < tensors_.size(); ++i) {
    EMBER_CHECK(tensors_[i].defined(), "TensorDataset: tensor {} is undefined", i);
    EMBER_CHECK(tensors_[i].dim() > 0,
                "TensorDataset: tensor {} is 0-dimensional; every tensor needs a dimension 0 "
                "to index its examples",
                i);
    EMBER_CHECK(tensors_[i].size(0) == tensors_[0].size(0),
                "Size mismatch between tensors: tensor 0 has size {} in dimension 0 but tensor {} "
                "has size {}",
                tensors_[0].size(0), i, tensors_[i].size(0));
  }
  size_ = static_cast<size_t>(tensors_[0].size(0));
}

std::vector<Tensor> TensorDataset::get(int64_t index) const {
  std::vector<Tensor> rows;
  rows.reserve(tensors_.size());
  for (const Tensor& t : tensors_) rows.push_back(t[index]);
  return rows;
}

std::vector<Tensor> TensorDataset::get_batch(const Tensor& indices) const {
  std::vector<Tensor> rows;
  rows.reserve(tensors_.size());
  for (const Tensor& t : tensors_) rows.push_back(t.index_select(0, indices.to(t.device())));
  return rows;
}

}  // namespace ember::data
