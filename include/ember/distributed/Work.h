#pragma once

// Work: the handle of an asynchronous communication (torch.distributed's Work). The tensors it
// writes hold their result once wait() has returned, not before.

#include <chrono>
#include <optional>

#include "ember/core/Export.h"

namespace ember::distributed {

class EMBER_API Work {
 public:
  Work() = default;
  Work(const Work&) = delete;
  Work& operator=(const Work&) = delete;
  virtual ~Work();

  /// Whether the communication has finished (successfully or not); never blocks.
  virtual bool is_completed() = 0;

  /// Blocks until the communication has finished and its results are in the tensors, then
  /// returns true. Throws an ember::Error when it failed (tensors that differ across ranks,
  /// an MPI error) or when `timeout` (the process group's timeout when not given) passes
  /// first; after a timeout the communication is still pending and a later wait() may
  /// succeed.
  virtual bool wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt) = 0;
};

}  // namespace ember::distributed
