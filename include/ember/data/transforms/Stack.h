#pragma once

// Stack<>: collates examples into one example whose data (and target) are the examples'
// tensors stacked along a new first dimension (libtorch's transforms::Stack).

#include <utility>
#include <vector>

#include "ember/core/Functions.h"
#include "ember/data/Example.h"
#include "ember/data/transforms/Collate.h"

namespace ember::data::transforms {

template <typename T = Example<>>
struct Stack;

template <>
struct Stack<Example<>> : public Collation<Example<>> {
  Example<> apply_batch(std::vector<Example<>> examples) override {
    std::vector<Tensor> data, targets;
    data.reserve(examples.size());
    targets.reserve(examples.size());
    for (auto& example : examples) {
      data.push_back(std::move(example.data));
      targets.push_back(std::move(example.target));
    }
    return {ember::stack(data), ember::stack(targets)};
  }
};

template <>
struct Stack<TensorExample> : public Collation<TensorExample> {
  TensorExample apply_batch(std::vector<TensorExample> examples) override {
    std::vector<Tensor> data;
    data.reserve(examples.size());
    for (auto& example : examples) data.push_back(std::move(example.data));
    return ember::stack(data);
  }
};

}  // namespace ember::data::transforms
