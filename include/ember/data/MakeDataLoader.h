#pragma once

// make_data_loader (libtorch's): a StatelessDataLoader over a dataset, with a given sampler
// or, by default, a RandomSampler over the dataset's size:
//   auto loader = data::make_data_loader(dataset.map(data::transforms::Stack<>()),
//                                        data::DataLoaderOptions().batch_size(64).workers(2));
//   for (auto& batch : *loader) { ... batch.data ... batch.target ... }

#include <cstddef>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "ember/core/Error.h"
#include "ember/data/DataLoaderOptions.h"
#include "ember/data/StatelessDataLoader.h"
#include "ember/data/samplers/Random.h"

namespace ember::data {

template <typename Dataset, typename Sampler>
std::enable_if_t<!Dataset::is_stateful, std::unique_ptr<StatelessDataLoader<Dataset, Sampler>>>
make_data_loader(Dataset dataset, Sampler sampler, DataLoaderOptions options) {
  return std::make_unique<StatelessDataLoader<Dataset, Sampler>>(
      std::move(dataset), std::move(sampler), std::move(options));
}

template <typename Sampler = samplers::RandomSampler, typename Dataset>
std::enable_if_t<!Dataset::is_stateful && std::is_constructible_v<Sampler, size_t>,
                 std::unique_ptr<StatelessDataLoader<Dataset, Sampler>>>
make_data_loader(Dataset dataset, DataLoaderOptions options = DataLoaderOptions()) {
  const std::optional<size_t> size = dataset.size();
  if (!size.has_value()) {
    ember::detail::throw_error(
        "Expected the dataset to be sized in order to construct the Sampler");
  }
  return make_data_loader(std::move(dataset), Sampler(*size), std::move(options));
}

}  // namespace ember::data
