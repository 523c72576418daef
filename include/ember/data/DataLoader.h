#pragma once

// The simple data loader, Python's DataLoader over a TensorDataset:
//   data::DataLoader loader(data::TensorDataset(x, y), {.batch_size = 32, .shuffle = true});
//   for (auto& [inputs, targets] : loader) { ... }
// or, for data-parallel training, over this rank's shard (Python's sampler= argument; the
// caller keeps the sampler to set its epoch, as in Python):
//   auto sampler = std::make_shared<data::samplers::DistributedSampler>(dataset.size());
//   data::DataLoader loader(dataset, sampler, {.batch_size = 32});
//   for (uint64_t epoch = 0; ...; ++epoch) { sampler->set_epoch(epoch); for (auto& b : loader) ...
//   }
// Each range-for (each begin()) is an epoch. Batches are gathered with one index_select per
// tensor. With shuffle the order is new each epoch and, after the same ember::manual_seed,
// the one Python's DataLoader(TensorDataset(x, y), batch_size, shuffle=True) gives after
// torch.manual_seed: each epoch draws the same two 63-bit seeds from the CPU generator as
// Python (its iterator's base seed, then the RandomSampler's) and takes the permutation of a
// fresh generator seeded with the second, so the default generator also advances as in
// Python (one draw per epoch without shuffle, two with).
//
// With num_workers > 0, each epoch's iterator runs that many threads preparing up to
// 2 * num_workers batches ahead; they arrive in order with the same content as without
// workers. An exception thrown while preparing a batch reaches the loop, as itself. Leaving
// the loop early (break, an exception) drops the queued batches and joins the threads when the
// iterator is destroyed. With pin_memory, batches are copied to page-locked memory when CUDA
// is available; without CUDA the option is ignored (PyTorch warns and ignores it).

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>

#include "ember/core/Export.h"
#include "ember/data/Batch.h"
#include "ember/data/TensorDataset.h"
#include "ember/data/samplers/Distributed.h"

namespace ember::data {

/// The options of data::DataLoader, given with designated initialisers in this order:
/// {.batch_size = 32, .shuffle = true, .drop_last = false, .num_workers = 0, .pin_memory = false}.
struct LoaderOptions {
  /// Examples per batch (positive).
  int64_t batch_size = 1;
  /// A new random order each epoch (else the dataset's order).
  bool shuffle = false;
  /// Leave out a last batch smaller than batch_size.
  bool drop_last = false;
  /// Threads preparing batches in the background (0: each batch is made when asked for).
  int64_t num_workers = 0;
  /// Batches in page-locked memory, for faster (non_blocking) copies to a GPU.
  bool pin_memory = false;
};

class EMBER_API DataLoader {
 public:
  using Options = LoaderOptions;

  /// An ember::Error for a batch_size below 1, a negative num_workers, or shuffle over an
  /// empty dataset (as PyTorch).
  explicit DataLoader(TensorDataset dataset, LoaderOptions options = {});
  /// Batches of the indices `sampler` gives each epoch (reset at each begin(), after its
  /// set_epoch); shuffle must be false, as in Python.
  DataLoader(TensorDataset dataset, std::shared_ptr<samplers::DistributedSampler> sampler,
             LoaderOptions options = {});

  /// An input iterator over one epoch's batches; equal to end() once the epoch is over.
  class EMBER_API Iterator {
   public:
    using iterator_concept = std::input_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    using value_type = Batch;
    using difference_type = std::ptrdiff_t;
    using reference = Batch&;
    using pointer = Batch*;

    Iterator(Iterator&&) noexcept;
    Iterator& operator=(Iterator&&) noexcept;
    /// Drops the batches still queued and joins the worker threads.
    ~Iterator();

    Batch& operator*() const;
    Batch* operator->() const { return &**this; }
    Iterator& operator++();
    void operator++(int) { ++*this; }

    friend bool operator==(const Iterator& it, std::default_sentinel_t) { return it.at_end(); }

   private:
    friend class DataLoader;
    struct State;
    explicit Iterator(std::unique_ptr<State> state);
    bool at_end() const;
    std::unique_ptr<State> state_;
  };

  /// Starts an epoch (shuffling first when asked to) and makes its first batch.
  Iterator begin() const;
  std::default_sentinel_t end() const { return {}; }

  /// The number of batches of an epoch (of this rank's shard, with a sampler).
  size_t size() const;
  const TensorDataset& dataset() const { return *dataset_; }
  const LoaderOptions& options() const { return options_; }

 private:
  std::shared_ptr<const TensorDataset> dataset_;
  LoaderOptions options_;
  std::shared_ptr<samplers::DistributedSampler> sampler_;  // null: the whole dataset
};

}  // namespace ember::data
