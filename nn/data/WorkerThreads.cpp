#include "ember/data/detail/WorkerThreads.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "ember/core/Check.h"

namespace ember::data::detail {

struct WorkerThreads::State {
  std::mutex mutex;
  std::condition_variable work_ready;  // a job was queued, or the threads must stop
  std::condition_variable job_done;    // a job finished
  std::deque<std::pair<uint64_t, Job>> queued;
  std::set<uint64_t> finished;  // tickets not collected by wait/wait_any yet
  size_t running = 0;
  uint64_t next_ticket = 0;
  bool stopping = false;
  std::vector<std::thread> threads;

  void run(size_t worker) {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      work_ready.wait(lock, [&] { return stopping || !queued.empty(); });
      if (queued.empty()) return;  // stopping, and nothing left to run
      auto [ticket, job] = std::move(queued.front());
      queued.pop_front();
      ++running;
      lock.unlock();
      job(worker);
      job = nullptr;  // what the job holds (tensors, a dataset) is released outside the lock
      lock.lock();
      --running;
      finished.insert(ticket);
      job_done.notify_all();
    }
  }

  // Empties the queue under the lock; the jobs are destroyed by the caller, after unlocking.
  std::deque<std::pair<uint64_t, Job>> take_queued() {
    std::lock_guard<std::mutex> lock(mutex);
    return std::exchange(queued, {});
  }

  void stop() {
    auto dropped = take_queued();
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    work_ready.notify_all();
    for (auto& thread : threads) thread.join();
    threads.clear();
  }

  // Waits until `done` holds; an ember::Error after `timeout`.
  template <class Predicate>
  void wait_until(std::unique_lock<std::mutex>& lock, const Timeout& timeout, Predicate done) {
    if (!timeout) {
      job_done.wait(lock, done);
      return;
    }
    EMBER_CHECK(job_done.wait_for(lock, *timeout, done),
                "Timeout in DataLoader queue while waiting for next batch (timeout was {} ms)",
                timeout->count());
  }
};

WorkerThreads::WorkerThreads(size_t count) : state_(std::make_unique<State>()) {
  EMBER_CHECK(count > 0, "WorkerThreads: expected at least one thread, got 0");
  state_->threads.reserve(count);
  try {
    for (size_t i = 0; i < count; ++i) {
      state_->threads.emplace_back([state = state_.get(), i] { state->run(i); });
    }
  } catch (const std::system_error& e) {
    const size_t started = state_->threads.size();
    state_->stop();
    EMBER_FAIL("DataLoader: could not start worker thread {} of {}: {}", started + 1, count,
               e.what());
  }
}

WorkerThreads::~WorkerThreads() { state_->stop(); }

size_t WorkerThreads::size() const { return state_->threads.size(); }

uint64_t WorkerThreads::submit(Job job) {
  uint64_t ticket;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    ticket = state_->next_ticket++;
    state_->queued.emplace_back(ticket, std::move(job));
  }
  state_->work_ready.notify_one();
  return ticket;
}

void WorkerThreads::wait(uint64_t ticket, Timeout timeout) {
  std::unique_lock<std::mutex> lock(state_->mutex);
  EMBER_CHECK(ticket < state_->next_ticket, "WorkerThreads: no job has ticket {}", ticket);
  state_->wait_until(lock, timeout, [&] { return state_->finished.count(ticket) != 0; });
  state_->finished.erase(ticket);
}

uint64_t WorkerThreads::wait_any(Timeout timeout) {
  std::unique_lock<std::mutex> lock(state_->mutex);
  EMBER_CHECK(!state_->finished.empty() || state_->running != 0 || !state_->queued.empty(),
              "WorkerThreads: no job to wait for");
  state_->wait_until(lock, timeout, [&] { return !state_->finished.empty(); });
  return state_->finished.extract(state_->finished.begin()).value();
}

void WorkerThreads::drain() {
  auto dropped = state_->take_queued();
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->job_done.wait(lock, [&] { return state_->running == 0; });
  state_->finished.clear();
}

}  // namespace ember::data::detail
