#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "backends/cpu/Parallel.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

#ifdef EMBER_WITH_BLAS
// OpenBLAS keeps its own threads; keep them in step with ours when it is the BLAS in use.
extern "C" void openblas_set_num_threads(int) __attribute__((weak));
#endif

namespace ember::cpu {
namespace {

thread_local bool t_in_parallel = false;

// set_num_threads refuses more threads than this: far beyond any machine's cores, and well
// below the counts at which the system refuses to create threads.
constexpr int kMaxNumThreads = 1024;

// Workers wait for a generation number to change, then each claims chunks of the current
// job from a shared counter; the calling thread works too and then waits for the rest.
// run() and resize() hold run_mutex_ throughout, so a resize never overlaps a job or another
// resize; size() is an atomic that any thread may read without it.
class ThreadPool {
 public:
  explicit ThreadPool(int threads) {
    std::lock_guard<std::mutex> serial(run_mutex_);
    start_workers(threads);
  }
  ~ThreadPool() { stop(); }

  int size() const { return size_.load(std::memory_order_acquire); }

  void resize(int threads) {
    std::lock_guard<std::mutex> serial(run_mutex_);
    if (threads == size()) return;
    stop();
    start_workers(threads);
  }

  void run(int64_t begin, int64_t end, int64_t grain, RangeFn f) {
    std::lock_guard<std::mutex> serial(run_mutex_);  // one job at a time
    if (size() == 1) {                               // resized since the caller looked
      f(begin, end);
      return;
    }
    const int64_t n = end - begin;
    const int64_t max_chunks = std::max<int64_t>(1, n / std::max<int64_t>(grain, 1));
    const int64_t chunks = std::min<int64_t>(size(), max_chunks);
    if (chunks <= 1) {
      f(begin, end);
      return;
    }
    // Rounding the chunk size up can leave fewer chunks than asked for (5 items in 4 chunks
    // are 3 chunks of 2): wait for the chunks that exist.
    const int64_t chunk = (n + chunks - 1) / chunks;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = Job{begin, end, chunk, &f};
      next_chunk_.store(0);
      pending_.store((n + chunk - 1) / chunk);
      error_ = nullptr;
      ++generation_;
    }
    wake_.notify_all();
    claim_chunks(job_);
    std::unique_lock<std::mutex> lock(mutex_);
    // Also wait for workers still inside this job (they may hold its RangeFn).
    done_.wait(lock, [&] { return pending_.load() == 0 && active_ == 0; });
    job_.f = nullptr;
    if (error_) std::rethrow_exception(error_);
  }

 private:
  struct Job {
    int64_t begin = 0, end = 0, chunk = 0;
    const RangeFn* f = nullptr;
  };

  void claim_chunks(const Job job) {
    const int64_t chunks = (job.end - job.begin + job.chunk - 1) / job.chunk;
    t_in_parallel = true;
    for (int64_t c = next_chunk_.fetch_add(1); c < chunks; c = next_chunk_.fetch_add(1)) {
      const int64_t b = job.begin + c * job.chunk;
      const int64_t e = std::min(job.end, b + job.chunk);
      try {
        (*job.f)(b, e);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      if (pending_.fetch_sub(1) == 1) {
        std::lock_guard<std::mutex> lock(mutex_);
        done_.notify_all();
      }
    }
    t_in_parallel = false;
  }

  void work() {
    uint64_t seen = 0;
    Job job;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
        if (job_.f == nullptr) continue;
        job = job_;
        ++active_;
      }
      claim_chunks(job);
      std::lock_guard<std::mutex> lock(mutex_);
      if (--active_ == 0) done_.notify_all();
    }
  }

  // Called with run_mutex_ held. When the system refuses a thread, the pool keeps the workers
  // it has and the error says how many (std::system_error never escapes).
  void start_workers(int threads) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = false;
    }
    try {
      for (int i = 0; i + 1 < threads; ++i) workers_.emplace_back([this] { work(); });
    } catch (const std::system_error& e) {
      size_.store(static_cast<int>(workers_.size()) + 1, std::memory_order_release);
      EMBER_FAIL("set_num_threads: could not start {} threads ({}); using {} threads", threads,
                 e.what(), size());
    }
    size_.store(threads, std::memory_order_release);
  }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
    size_.store(1, std::memory_order_release);
  }

  std::mutex run_mutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> workers_;
  std::atomic<int> size_{1};  // workers_.size() + 1, the calling thread
  Job job_;
  std::atomic<int64_t> next_chunk_{0};
  std::atomic<int64_t> pending_{0};
  std::exception_ptr error_;
  int active_ = 0;  // workers inside the current job
  uint64_t generation_ = 0;
  bool stopping_ = false;
};

int default_threads() {
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : std::min(static_cast<int>(hw), kMaxNumThreads);
}

ThreadPool& pool() {
  // Leaked on purpose: joining threads during static destruction can deadlock.
  static ThreadPool* p = new ThreadPool(default_threads());  // NOLINT
  return *p;
}

}  // namespace

void parallel_for_impl(int64_t begin, int64_t end, int64_t grain, RangeFn f) {
  if (t_in_parallel || pool().size() == 1) {
    f(begin, end);
    return;
  }
  pool().run(begin, end, grain, f);
}

bool in_parallel_region() { return t_in_parallel; }

}  // namespace ember::cpu

namespace ember {

void set_num_threads(int n) {
  EMBER_CHECK(n > 0, "set_num_threads: expected a positive number of threads, got {}", n);
  EMBER_CHECK(n <= cpu::kMaxNumThreads,
              "set_num_threads: expected at most {} threads, got {} (this machine has {} hardware "
              "threads)",
              cpu::kMaxNumThreads, n, std::thread::hardware_concurrency());
  // A worker waiting for its own pool to stop would never return.
  EMBER_CHECK(!cpu::in_parallel_region(),
              "set_num_threads: cannot be called from inside a parallel region");
  // Concurrent callers take turns, so the BLAS ends up with the same count as the pool.
  static std::mutex resize_mutex;
  std::lock_guard<std::mutex> lock(resize_mutex);
  cpu::pool().resize(n);
#ifdef EMBER_WITH_BLAS
  if (openblas_set_num_threads) openblas_set_num_threads(n);
#endif
}

int get_num_threads() { return cpu::pool().size(); }

}  // namespace ember
