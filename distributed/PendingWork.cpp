#include "distributed/PendingWork.h"

#include "ember/core/Check.h"

namespace ember::distributed {

Work::~Work() = default;

namespace detail {

bool PendingWork::is_completed() {
  std::lock_guard lock(mutex_);
  return done_;
}

void PendingWork::complete(std::string error) {
  {
    std::lock_guard lock(mutex_);
    error_ = std::move(error);
    done_ = true;
  }
  done_cv_.notify_all();
}

bool PendingWork::wait(std::optional<std::chrono::milliseconds> timeout) {
  const std::chrono::milliseconds limit = timeout.value_or(timeout_);
  {
    std::unique_lock lock(mutex_);
    const bool done = done_cv_.wait_for(lock, limit, [&] { return done_; });
    EMBER_CHECK(done,
                "{}: timed out after {} ms waiting for the other ranks (a rank that did not "
                "call it, or died)",
                name_, limit.count());
    EMBER_CHECK(error_.empty(), "{}", error_);
  }
  if (finish_) std::call_once(finished_, finish_);
  return true;
}

}  // namespace detail
}  // namespace ember::distributed
