#pragma once

// Options of make_data_loader's loaders (libtorch's DataLoaderOptions):
// `DataLoaderOptions().batch_size(32).workers(2).drop_last(true)`.

#include <chrono>
#include <cstddef>
#include <optional>

#include "ember/core/Arg.h"

namespace ember::data {

struct DataLoaderOptions {
  DataLoaderOptions() = default;
  /* implicit */ DataLoaderOptions(size_t batch_size) : batch_size_(batch_size) {}  // NOLINT

  /// Examples per batch.
  EMBER_ARG(size_t, batch_size) = 1;
  /// Threads preparing batches in the background; 0 prepares each batch when it is asked for.
  EMBER_ARG(size_t, workers) = 0;
  /// Batches being prepared at once (queued or running); 2 * workers by default.
  EMBER_ARG(std::optional<size_t>, max_jobs);
  /// How long to wait for a worker's batch before failing; forever by default.
  EMBER_ARG(std::optional<std::chrono::milliseconds>, timeout);
  /// Whether batches arrive in the sampler's order (true), or as workers finish them.
  EMBER_ARG(bool, enforce_ordering) = true;
  /// Whether a last batch smaller than batch_size is left out.
  EMBER_ARG(bool, drop_last) = false;
};

/// The options with their defaults resolved.
struct FullDataLoaderOptions {
  explicit FullDataLoaderOptions(DataLoaderOptions options)
      : batch_size(options.batch_size()),
        workers(options.workers()),
        max_jobs(options.max_jobs().value_or(2 * workers)),
        timeout(options.timeout()),
        enforce_ordering(options.enforce_ordering()),
        drop_last(options.drop_last()) {}

  size_t batch_size;
  size_t workers;
  size_t max_jobs;
  std::optional<std::chrono::milliseconds> timeout;
  bool enforce_ordering;
  bool drop_last;
};

}  // namespace ember::data
