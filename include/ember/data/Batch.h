#pragma once

// A batch of data::DataLoader: the rows of each tensor of its TensorDataset. data and target
// hold the first two tensors' rows, rest those of any further tensors; a batch binds as a
// pair: `for (auto& [x, y] : loader)`.

#include <cstddef>
#include <tuple>
#include <utility>
#include <vector>

#include "ember/core/Device.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::data {

struct EMBER_API Batch {
  Batch() = default;
  Batch(Tensor data, Tensor target) : data(std::move(data)), target(std::move(target)) {}
  /// From the rows of each tensor of a dataset, in the dataset's order.
  explicit Batch(std::vector<Tensor> tensors);

  /// The first tensor's rows.
  Tensor data;
  /// The second tensor's rows (undefined for a dataset of one tensor).
  Tensor target;
  /// The rows of the third and later tensors.
  std::vector<Tensor> rest;

  /// How many tensors the batch holds (as its dataset).
  size_t num_tensors() const;
  /// The rows of tensor i of the dataset: data, target, then rest.
  const Tensor& operator[](size_t i) const;
  /// Every tensor, in the dataset's order.
  std::vector<Tensor> tensors() const;

  /// The batch with every tensor moved with Tensor::to (e.g. to a GPU).
  Batch to(Device device, bool non_blocking = false) const;
  /// The batch with every tensor in page-locked memory (Tensor::pin_memory).
  Batch pin_memory() const;

  /// Tuple-like access for structured bindings: get<0> is data, get<1> target.
  template <size_t I>
  Tensor& get() & {
    return element<I>(*this);
  }
  template <size_t I>
  const Tensor& get() const& {
    return element<I>(*this);
  }
  template <size_t I>
  Tensor&& get() && {
    return std::move(element<I>(*this));
  }

 private:
  template <size_t I, class Self>
  static auto& element(Self& self) {
    static_assert(I < 2, "a Batch binds as [data, target]");
    if constexpr (I == 0) {
      return self.data;
    } else {
      return self.target;
    }
  }
};

}  // namespace ember::data

template <>
struct std::tuple_size<ember::data::Batch> : std::integral_constant<size_t, 2> {};
template <size_t I>
struct std::tuple_element<I, ember::data::Batch> {
  using type = ember::Tensor;
};
