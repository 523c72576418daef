#pragma once

// The Work every backend returns: the backend's thread completes it (with an error message or
// none); the thread that waits then runs the front end's finishing step once (copying staged
// results back, dividing for AVG), so that no tensor op runs on the backend's thread.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "ember/core/Export.h"
#include "ember/distributed/Work.h"

namespace ember::distributed::detail {

// Exported for the NCCL backend, which lives in the CUDA backend library.
class EMBER_INTERNAL_API PendingWork final : public Work {
 public:
  /// `name` says what the work is in errors ("all_reduce"); `timeout` is the default wait.
  PendingWork(std::string name, std::chrono::milliseconds timeout)
      : name_(std::move(name)), timeout_(timeout) {}

  bool is_completed() override;
  bool wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt) override;

  /// Runs on the waiting thread after a successful completion, once.
  void set_finish(std::function<void()> finish) { finish_ = std::move(finish); }
  /// Called by the backend: success when `error` is empty.
  void complete(std::string error = {});

 private:
  std::string name_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::string error_;
  std::function<void()> finish_;
  std::once_flag finished_;
};

}  // namespace ember::distributed::detail
