#pragma once

// The data loader of make_data_loader (libtorch's StatelessDataLoader): a dataset, a sampler
// and DataLoaderOptions. Each begin() starts an epoch: the sampler is reset and every batch
// request it hands out (batch_size indices; the last one smaller unless drop_last) becomes a
// batch from dataset.get_batch. With workers(n) the batches are prepared on n background
// threads, each with its own copy of the dataset, at most max_jobs at a time, and arrive in
// the sampler's order (unless enforce_ordering(false)).
//
// Differences from libtorch, all in the direction of fewer surprises: an exception thrown by
// the dataset reaches the caller as itself (libtorch wraps it in a WorkerException when it
// came from a worker); begin() while an earlier epoch is unfinished (a loop left by break)
// drops that epoch's remaining batches instead of failing; batch_size 0 is an ember::Error.

#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ember/core/Error.h"
#include "ember/data/DataLoaderOptions.h"
#include "ember/data/Iterator.h"
#include "ember/data/detail/WorkerThreads.h"

namespace ember::data {

template <typename Dataset, typename Sampler>
class StatelessDataLoader {
 public:
  using BatchType = typename Dataset::BatchType;
  using BatchRequestType = typename Sampler::BatchRequestType;

  StatelessDataLoader(Dataset dataset, Sampler sampler, DataLoaderOptions options)
      : options_(std::move(options)), sampler_(std::move(sampler)) {
    if (options_.batch_size == 0) {
      ember::detail::throw_error(
          "batch_size should be a positive integer value, but got batch_size=0");
    }
    if (options_.workers == 0) {
      datasets_.push_back(std::move(dataset));
      return;
    }
    if (options_.max_jobs == 0) {
      ember::detail::throw_error(
          "max_jobs should be a positive integer value when workers > 0, but got max_jobs=0");
    }
    datasets_.assign(options_.workers, dataset);
    workers_ = std::make_unique<detail::WorkerThreads>(options_.workers);
  }

  ~StatelessDataLoader() { join(); }

  StatelessDataLoader(const StatelessDataLoader&) = delete;
  StatelessDataLoader& operator=(const StatelessDataLoader&) = delete;

  /// Starts an epoch (dropping what is left of the previous one) and returns its iterator.
  Iterator<BatchType> begin() {
    reset();
    return Iterator<BatchType>([this] { return next(); });
  }

  Iterator<BatchType> end() { return Iterator<BatchType>(); }

  /// Drops the queued batches, waits for those being prepared and stops the worker threads;
  /// later epochs are prepared on the calling thread.
  void join() {
    pending_.clear();
    workers_.reset();
  }

  const FullDataLoaderOptions& options() const noexcept { return options_; }
  /// The loader's own sampler, reset at each begin() (not in libtorch, which keeps it out of
  /// reach): a DistributedSampler's epoch is set here, loader->sampler().set_epoch(epoch).
  Sampler& sampler() noexcept { return sampler_; }

 private:
  // One batch being prepared by a worker: its result or the exception that stopped it.
  struct Result {
    std::optional<BatchType> batch;
    std::exception_ptr error;
  };

  void reset() {
    if (workers_) workers_->drain();
    pending_.clear();
    sampler_.reset(std::nullopt);
    prefetch(options_.max_jobs);
  }

  std::optional<BatchRequestType> next_request() {
    auto indices = sampler_.next(options_.batch_size);
    if (!indices || (indices->size() < options_.batch_size && options_.drop_last)) {
      return std::nullopt;
    }
    return indices;
  }

  // Queues up to `jobs` batch requests for the workers.
  void prefetch(size_t jobs) {
    if (!workers_) return;
    for (size_t j = 0; j < jobs; ++j) {
      auto request = next_request();
      if (!request) return;
      auto result = std::make_shared<Result>();
      const uint64_t ticket =
          workers_->submit([this, result, request = std::move(*request)](size_t worker) mutable {
            try {
              result->batch.emplace(datasets_[worker].get_batch(std::move(request)));
            } catch (...) {
              result->error = std::current_exception();
            }
          });
      pending_.emplace_back(ticket, std::move(result));
    }
  }

  std::optional<BatchType> next() {
    if (!workers_) {
      if (auto request = next_request()) return datasets_.front().get_batch(std::move(*request));
      return std::nullopt;
    }
    if (pending_.empty()) return std::nullopt;
    auto position = pending_.begin();
    if (options_.enforce_ordering) {
      workers_->wait(position->first, options_.timeout);
    } else {
      const uint64_t ticket = workers_->wait_any(options_.timeout);
      while (position->first != ticket) ++position;
    }
    std::shared_ptr<Result> result = std::move(position->second);
    pending_.erase(position);
    prefetch(1);  // the epoch goes on after an error too, as a loop without workers would
    if (result->error) std::rethrow_exception(result->error);
    return std::move(result->batch);
  }

  const FullDataLoaderOptions options_;
  Sampler sampler_;
  std::vector<Dataset> datasets_;  // one per worker, or the one used without workers
  // Tickets and results of the jobs queued or running, in the sampler's order (max_jobs).
  std::vector<std::pair<uint64_t, std::shared_ptr<Result>>> pending_;
  // Last, so that its threads are joined before anything they use is destroyed.
  std::unique_ptr<detail::WorkerThreads> workers_;
};

}  // namespace ember::data
