#pragma once

// The iterator of make_data_loader's loaders (libtorch's torch::data::Iterator): an input
// iterator over the batches of one epoch, fetched lazily, the first one when the iterator is
// first dereferenced or compared. end() is a sentinel that equals an iterator once its
// epoch is over. Copies share their position.

#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include "ember/core/Error.h"

namespace ember::data {

template <typename Batch>
class Iterator {
 public:
  using difference_type = std::ptrdiff_t;
  using value_type = Batch;
  using pointer = Batch*;
  using reference = Batch&;
  using iterator_category = std::input_iterator_tag;
  using BatchProducer = std::function<std::optional<Batch>()>;

  /// The past-the-end iterator.
  Iterator() = default;
  /// An iterator whose batches come from `next_batch` (nullopt once the epoch is over).
  explicit Iterator(BatchProducer next_batch)
      : state_(std::make_shared<State>(std::move(next_batch))) {}

  Iterator& operator++() {
    if (!state_)
      ember::detail::throw_error(
          "Incrementing the DataLoader's past-the-end iterator is not allowed");
    state_->lazy_initialize();
    if (!state_->batch) ember::detail::throw_error("Attempted to increment iterator past the end");
    state_->batch = state_->next_batch();
    return *this;
  }

  Batch& operator*() { return get(); }
  Batch* operator->() { return &get(); }

  bool operator==(const Iterator& other) const {
    if (state_ && other.state_) return state_ == other.state_;
    if (state_) return state_->at_end();
    if (other.state_) return other.state_->at_end();
    return true;  // two sentinels
  }
  bool operator!=(const Iterator& other) const { return !(*this == other); }

 private:
  struct State {
    explicit State(BatchProducer producer) : next_batch(std::move(producer)) {}
    void lazy_initialize() {
      if (!initialized) {
        batch = next_batch();  // if it throws, the next use asks again
        initialized = true;
      }
    }
    bool at_end() {
      lazy_initialize();
      return !batch;
    }
    BatchProducer next_batch;
    std::optional<Batch> batch;
    bool initialized = false;
  };

  Batch& get() {
    if (!state_)
      ember::detail::throw_error(
          "Dereferencing the DataLoader's past-the-end iterator is not allowed");
    state_->lazy_initialize();
    if (!state_->batch)
      ember::detail::throw_error("Attempted to dereference iterator that was past the end");
    return *state_->batch;
  }

  std::shared_ptr<State> state_;
};

}  // namespace ember::data
