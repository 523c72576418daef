#pragma once

// The background threads of a data loader with workers: each queued job runs on whichever
// thread is free, and the loader waits for its jobs by ticket, in the order it wants them.
// The threads live in the .cpp file so that this header stays free of <thread>.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "ember/core/Export.h"

namespace ember::data::detail {

class EMBER_API WorkerThreads {
 public:
  /// A job is told which thread runs it (0 .. size() - 1), so that each thread may use its
  /// own copy of a dataset. A job must not throw: it keeps its errors for the loader.
  using Job = std::function<void(size_t worker)>;
  using Timeout = std::optional<std::chrono::milliseconds>;

  /// Starts `count` threads (at least one).
  explicit WorkerThreads(size_t count);
  /// Drops the jobs not started yet, waits for the running ones and joins the threads.
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  size_t size() const;

  /// Queues `job`; returns its ticket.
  uint64_t submit(Job job);
  /// Waits until the job of `ticket` has run (an ember::Error after `timeout`).
  void wait(uint64_t ticket, Timeout timeout = std::nullopt);
  /// Waits until some job has run that no wait collected yet; returns its ticket.
  uint64_t wait_any(Timeout timeout = std::nullopt);
  /// Drops the jobs not started yet, waits for the running ones and forgets every ticket.
  void drain();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ember::data::detail
