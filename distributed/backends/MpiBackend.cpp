// The MPI backend. One communication thread owns MPI after initialisation (MPI_THREAD_SERIALIZED
// suffices): it starts the queued requests in order as nonblocking MPI operations and polls them
// with MPI_Test, so communication progresses while the caller computes (an MPI library
// progresses nonblocking collectives only inside MPI calls), and a wait can give up at a
// deadline instead of blocking inside MPI. Every collective first exchanges a
// CollectiveHeader (MPI_Iallgather), and its data moves only once all headers agree.

#include <mpi.h>

#include <atomic>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "distributed/Backend.h"
#include "ember/core/Check.h"

namespace ember::distributed::detail {

namespace {

// MPI is initialised once per process (it cannot be initialised again after MPI_Finalize), so
// a process group may be destroyed and created again; it is finalised at exit unless a
// shutdown left operations pending (MPI_Finalize would wait for them forever).
std::atomic<bool> g_finalize_at_exit{false};

void finalize_mpi() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized && g_finalize_at_exit.load()) MPI_Finalize();
}

void ensure_mpi_initialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    int initialized = 0;
    MPI_Initialized(&initialized);
    int provided = MPI_THREAD_SINGLE;
    if (initialized) {
      MPI_Query_thread(&provided);
    } else {
      EMBER_CHECK(
          MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided) == MPI_SUCCESS,
          "init_process_group: MPI_Init_thread failed");
      g_finalize_at_exit = true;
      std::atexit(finalize_mpi);
    }
    EMBER_CHECK(provided >= MPI_THREAD_SERIALIZED,
                "init_process_group: the MPI library provides thread level {}, the mpi backend "
                "needs MPI_THREAD_SERIALIZED ({}) or more",
                provided, static_cast<int>(MPI_THREAD_SERIALIZED));
  });
}

std::string mpi_error(const char* call, int code) {
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  return std::string(call) + " failed: " + std::string(text, static_cast<size_t>(length));
}

MPI_Datatype mpi_type(Dtype dtype) {
  switch (dtype) {
    case kByte:
    case kBool:  // one byte holding 0 or 1; reduced with MIN / MAX (the front end's rule)
      return MPI_UINT8_T;
    case kChar:
      return MPI_INT8_T;
    case kShort:
      return MPI_INT16_T;
    case kInt:
      return MPI_INT32_T;
    case kLong:
      return MPI_INT64_T;
    case kHalf:
    case kBFloat16:  // moved as bits only: reductions are staged in float32
      return MPI_UINT16_T;
    case kFloat:
      return MPI_FLOAT;
    case kDouble:
      return MPI_DOUBLE;
    default:
      break;
  }
  ember::detail::throw_error("mpi backend: unsupported dtype");
}

MPI_Op mpi_op(ReduceOp op) {
  switch (op) {
    case ReduceOp::PRODUCT:
      return MPI_PROD;
    case ReduceOp::MIN:
      return MPI_MIN;
    case ReduceOp::MAX:
      return MPI_MAX;
    default:
      return MPI_SUM;
  }
}

int mpi_count(const Tensor& t) {
  EMBER_CHECK(t.numel() <= INT_MAX,
              "mpi backend: tensors of more than {} elements are not supported, got {}", INT_MAX,
              t.numel());
  return static_cast<int>(t.numel());
}

// A request on its way through the communication thread.
struct Active {
  Request request;
  std::shared_ptr<PendingWork> work;
  std::vector<CollectiveHeader> headers;  // every rank's, for collectives
  MPI_Request header_request = MPI_REQUEST_NULL;
  MPI_Request data_request = MPI_REQUEST_NULL;
};

class MpiBackend final : public Backend {
 public:
  explicit MpiBackend(std::chrono::milliseconds /*timeout*/) {
    ensure_mpi_initialized();
    // A communicator of our own: errors come back as codes (MPI_ERRORS_RETURN) instead of
    // aborting, and the user's own MPI traffic on MPI_COMM_WORLD cannot match ours.
    EMBER_CHECK(MPI_Comm_dup(MPI_COMM_WORLD, &comm_) == MPI_SUCCESS,
                "init_process_group: MPI_Comm_dup failed");
    MPI_Comm_set_errhandler(comm_, MPI_ERRORS_RETURN);
    MPI_Comm_rank(comm_, &rank_);
    MPI_Comm_size(comm_, &size_);
    thread_ = std::thread([this] { run(); });
  }

  ~MpiBackend() override {
    // Without destroy_process_group: a short grace period rather than none, since a Work the
    // caller has already seen complete is still counted as pending until the communication
    // thread gets back to its loop.
    if (thread_.joinable()) shutdown(std::chrono::milliseconds(1000));
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  void start(Request request, std::shared_ptr<PendingWork> work) override {
    if (request.input.defined()) mpi_count(request.input);
    if (request.output.defined()) mpi_count(request.output);
    {
      std::lock_guard lock(mutex_);
      EMBER_CHECK(!stopping_, "the process group is being destroyed");
      queue_.push_back(Active{std::move(request), std::move(work), {}});
      ++pending_;
    }
    wake_.notify_one();
  }

  bool shutdown(std::chrono::milliseconds timeout) override {
    bool drained;
    {
      std::unique_lock lock(mutex_);
      drained = idle_.wait_for(lock, timeout, [&] { return pending_ == 0; });
      stopping_ = true;
    }
    if (!drained) {
      // MPI cannot cancel a collective: the thread stays blocked on it and MPI must not be
      // finalised; ending the job is the only way not to hang.
      std::fprintf(stderr,
                   "ember::distributed: destroy_process_group: communications still pending "
                   "after %lld ms; aborting the job\n",
                   static_cast<long long>(timeout.count()));
      g_finalize_at_exit = false;
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    wake_.notify_one();
    thread_.join();
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Comm_free(&comm_);
    return drained;
  }

 private:
  // Begins a request: the header exchange of a collective, the data of a send or recv.
  // Returns false when it failed at once (then it is completed).
  bool begin(Active& a) {
    const OpKind kind = a.request.kind;
    if (kind == OpKind::send || kind == OpKind::recv) return begin_data(a);
    a.headers.resize(static_cast<size_t>(size_));
    const int rc = MPI_Iallgather(a.request.header.fields.data(), CollectiveHeader::kFields,
                                  MPI_INT64_T, a.headers.data(), CollectiveHeader::kFields,
                                  MPI_INT64_T, comm_, &a.header_request);
    if (rc != MPI_SUCCESS) return fail(a, mpi_error("MPI_Iallgather", rc));
    return true;
  }

  bool begin_data(Active& a) {
    Request& r = a.request;
    int rc = MPI_SUCCESS;
    const char* call = "";
    switch (r.kind) {
      case OpKind::all_reduce:
        call = "MPI_Iallreduce";
        rc = MPI_Iallreduce(MPI_IN_PLACE, r.output.data_ptr(), mpi_count(r.output),
                            mpi_type(r.output.dtype()), mpi_op(r.op), comm_, &a.data_request);
        break;
      case OpKind::broadcast:
        call = "MPI_Ibcast";
        rc = MPI_Ibcast(r.output.data_ptr(), mpi_count(r.output), mpi_type(r.output.dtype()),
                        r.peer, comm_, &a.data_request);
        break;
      case OpKind::all_gather:
        call = "MPI_Iallgather";
        rc = MPI_Iallgather(r.input.data_ptr(), mpi_count(r.input), mpi_type(r.input.dtype()),
                            r.output.data_ptr(), mpi_count(r.input), mpi_type(r.input.dtype()),
                            comm_, &a.data_request);
        break;
      case OpKind::reduce_scatter:
        call = "MPI_Ireduce_scatter_block";
        rc = MPI_Ireduce_scatter_block(r.input.data_ptr(), r.output.data_ptr(), mpi_count(r.output),
                                       mpi_type(r.output.dtype()), mpi_op(r.op), comm_,
                                       &a.data_request);
        break;
      case OpKind::barrier:
        call = "MPI_Ibarrier";
        rc = MPI_Ibarrier(comm_, &a.data_request);
        break;
      case OpKind::send:
        call = "MPI_Isend";
        rc = MPI_Isend(r.input.data_ptr(), mpi_count(r.input), mpi_type(r.input.dtype()), r.peer,
                       r.tag, comm_, &a.data_request);
        break;
      case OpKind::recv:
        call = "MPI_Irecv";
        rc = MPI_Irecv(r.output.data_ptr(), mpi_count(r.output), mpi_type(r.output.dtype()), r.peer,
                       r.tag, comm_, &a.data_request);
        break;
    }
    if (rc != MPI_SUCCESS) return fail(a, mpi_error(call, rc));
    return true;
  }

  bool fail(Active& a, std::string message) {
    a.work->complete(std::move(message));
    return false;
  }

  // The header exchange of `a` finished: start its data when every rank agrees.
  bool headers_done(Active& a) {
    std::string mismatch = compare_headers(a.headers.data(), size_);
    if (!mismatch.empty()) return fail(a, std::move(mismatch));
    return begin_data(a);
  }

  // Tests the data request of `a`; true once it is finished (and completed).
  bool test_data(Active& a) {
    int done = 0;
    MPI_Status status;
    const int rc = MPI_Test(&a.data_request, &done, &status);
    if (rc != MPI_SUCCESS) {
      a.work->complete(mpi_error("MPI_Test", rc));
      return true;
    }
    if (!done) return false;
    if (a.request.kind == OpKind::recv) {
      int count = 0;
      MPI_Get_count(&status, mpi_type(a.request.output.dtype()), &count);
      if (count != mpi_count(a.request.output)) {
        a.work->complete("recv: received " + std::to_string(count) + " elements from rank " +
                         std::to_string(a.request.peer) + ", the tensor has " +
                         std::to_string(a.request.output.numel()));
        return true;
      }
    }
    a.work->complete();
    return true;
  }

  void finished_one() {
    std::lock_guard lock(mutex_);
    if (--pending_ == 0) idle_.notify_all();
  }

  // The communication thread. Requests begin strictly in queue order and a collective's data
  // starts before the next request begins, so every rank issues the same sequence of MPI
  // collectives on comm_, as MPI requires.
  void run() {
    std::optional<Active> beginning;  // a collective whose headers are being exchanged
    std::deque<Active> in_flight;     // data moving
    for (;;) {
      if (!beginning) {
        std::unique_lock lock(mutex_);
        if (queue_.empty() && in_flight.empty()) {
          if (stopping_) return;
          wake_.wait(lock, [&] { return !queue_.empty() || stopping_; });
          if (queue_.empty()) continue;
        }
        if (!queue_.empty()) {
          beginning.emplace(std::move(queue_.front()));
          queue_.pop_front();
          lock.unlock();
          const bool collective =
              beginning->request.kind != OpKind::send && beginning->request.kind != OpKind::recv;
          if (!begin(*beginning)) {
            beginning.reset();
            finished_one();
          } else if (!collective) {
            in_flight.push_back(std::move(*beginning));
            beginning.reset();
          }
        }
      }
      bool progressed = false;
      if (beginning) {
        int done = 0;
        const int rc = MPI_Test(&beginning->header_request, &done, MPI_STATUS_IGNORE);
        if (rc != MPI_SUCCESS || done) {
          progressed = true;
          const bool ok = rc == MPI_SUCCESS ? headers_done(*beginning)
                                            : fail(*beginning, mpi_error("MPI_Test", rc));
          if (ok) {
            in_flight.push_back(std::move(*beginning));
          } else {
            finished_one();
          }
          beginning.reset();
        }
      }
      for (auto it = in_flight.begin(); it != in_flight.end();) {
        if (test_data(*it)) {
          it = in_flight.erase(it);
          finished_one();
          progressed = true;
        } else {
          ++it;
        }
      }
      // Poll often enough to keep transfers moving without taking a core from the caller.
      if (!progressed && (beginning || !in_flight.empty())) {
        std::this_thread::sleep_for(std::chrono::microseconds(20));
      }
    }
  }

  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  int size_ = 1;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Active> queue_;
  size_t pending_ = 0;  // queued or in progress
  bool stopping_ = false;
};

}  // namespace

std::unique_ptr<Backend> make_mpi_backend(std::chrono::milliseconds timeout) {
  return std::make_unique<MpiBackend>(timeout);
}

}  // namespace ember::distributed::detail
