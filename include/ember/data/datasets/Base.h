#pragma once

// The dataset interfaces of libtorch's data API. A BatchDataset answers a batch request (by
// default the indices of the examples) with a batch; a Dataset answers one index with one
// example, and a batch with the examples of its indices. `.map(transform)` wraps a dataset in
// a MapDataset that applies a batch transform (transforms::Stack<>() to collate examples).

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "ember/core/ArrayRef.h"
#include "ember/data/Example.h"

namespace ember::data::datasets {

template <typename S, typename T>
class MapDataset;
template <typename D, typename T>
MapDataset<D, T> map(D, T);

namespace detail {
template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};
}  // namespace detail

template <typename Self, typename Batch = std::vector<Example<>>,
          typename BatchRequest = ArrayRef<size_t>>
class BatchDataset {
 public:
  using SelfType = Self;
  using BatchType = Batch;
  using BatchRequestType = BatchRequest;
  /// A dataset whose batches are optional decides itself when an epoch ends (a stream).
  constexpr static bool is_stateful = detail::is_optional<BatchType>::value;

  virtual ~BatchDataset() = default;

  /// The batch for `request`.
  virtual Batch get_batch(BatchRequest request) = 0;
  /// The number of examples, if known.
  virtual std::optional<size_t> size() const = 0;

  /// This dataset (copied) with `transform` applied to each of its batches.
  template <typename TransformType>
  MapDataset<Self, TransformType> map(TransformType transform) & {
    return datasets::map(static_cast<Self&>(*this), std::move(transform));
  }
  /// This dataset (moved) with `transform` applied to each of its batches.
  template <typename TransformType>
  MapDataset<Self, TransformType> map(TransformType transform) && {
    return datasets::map(std::move(static_cast<Self&>(*this)), std::move(transform));
  }
};

/// A dataset of examples addressed by index: override get(index) and size().
template <typename Self, typename SingleExample = Example<>>
class Dataset : public BatchDataset<Self, std::vector<SingleExample>> {
 public:
  using ExampleType = SingleExample;

  /// The example at `index`.
  virtual ExampleType get(size_t index) = 0;

  /// The examples at `indices`, in that order.
  std::vector<ExampleType> get_batch(ArrayRef<size_t> indices) override {
    std::vector<ExampleType> batch;
    batch.reserve(indices.size());
    for (const size_t i : indices) batch.push_back(get(i));
    return batch;
  }
};

/// A dataset asked only for a number of examples, never for indices.
template <typename Self, typename Batch = std::vector<Example<>>>
using StreamDataset = BatchDataset<Self, Batch, /*BatchRequest=*/size_t>;

}  // namespace ember::data::datasets
