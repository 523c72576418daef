// The NCCL backend (torch.distributed's "nccl"), built into the CUDA backend library: libember
// reaches it through the CUDA backend's entry table, so libember.so itself never needs the
// CUDA runtime or libnccl. One communicator per process group on one GPU per rank; every
// collective runs on the backend's own high-priority stream after the caller's current stream
// (so it reads what was computed before it), and completes when an event recorded after it
// has passed. A watchdog thread polls those events, completes the Work, and aborts the
// communicator (ncclCommAbort) when a collective outlives the group's timeout or NCCL reports
// an asynchronous error, failing every pending Work with an ember::Error.
//
// Cross-rank checks: the front end's local checks always run; the comparison of every rank's
// tensor description that the MPI backend makes on each collective costs a host round trip
// here, so it runs when TORCH_DISTRIBUTED_DEBUG=DETAIL (PyTorch's switch for the same check).

#include <cuda_runtime_api.h>
#include <nccl.h>

#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "backends/cuda/CudaCheck.h"
#include "backends/cuda/CudaDevice.h"
#include "backends/cuda/CudaStream.h"
#include "distributed/Backend.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::distributed::detail {

namespace {

using Clock = std::chrono::steady_clock;

std::string nccl_error(const char* call, ncclResult_t rc) {
  std::string message = fmt::format("{} failed: {}", call, ncclGetErrorString(rc));
  const char* last = ncclGetLastError(nullptr);
  if (last != nullptr && *last != '\0') message += fmt::format(" ({})", last);
  return message;
}

void nccl_check(ncclResult_t rc, const char* call) {
  EMBER_CHECK(rc == ncclSuccess, "nccl backend: {}", nccl_error(call, rc));
}

// The NCCL type that reduces `dtype`; bool is one byte reduced with MIN / MAX (the front end's
// rule). Moving data needs no type: it goes as bytes.
std::optional<ncclDataType_t> nccl_type(Dtype dtype) {
  switch (dtype) {
    case kByte:
    case kBool:
      return ncclUint8;
    case kChar:
      return ncclInt8;
    case kInt:
      return ncclInt32;
    case kLong:
      return ncclInt64;
    case kHalf:
      return ncclFloat16;
    case kBFloat16:
      return ncclBfloat16;
    case kFloat:
      return ncclFloat32;
    case kDouble:
      return ncclFloat64;
    default:
      return std::nullopt;
  }
}

ncclRedOp_t nccl_op(ReduceOp op) {
  switch (op) {
    case ReduceOp::AVG:
      return ncclAvg;
    case ReduceOp::PRODUCT:
      return ncclProd;
    case ReduceOp::MIN:
      return ncclMin;
    case ReduceOp::MAX:
      return ncclMax;
    default:
      return ncclSum;
  }
}

bool is_collective(OpKind kind) { return kind != OpKind::send && kind != OpKind::recv; }

struct InFlight {
  Request request;  // keeps the tensors alive until the device is done with them
  std::shared_ptr<PendingWork> work;
  cudaEvent_t done = nullptr;
  Clock::time_point deadline;
};

class NcclBackend final : public Backend {
 public:
  explicit NcclBackend(const NcclSetup& setup)
      : rank_(setup.rank), size_(setup.world_size), timeout_(setup.timeout) {
    const int count = cuda::impl::device_count_raw();
    const int device = setup.local_rank >= 0 ? setup.local_rank : setup.rank % count;
    EMBER_CHECK(device < count,
                "init_process_group: rank {} should use cuda:{} (its LOCAL_RANK), but only {} "
                "GPUs are visible (the nccl backend needs one GPU per rank)",
                rank_, device, count);
    device_ = static_cast<int8_t>(device);
    const char* debug = std::getenv("TORCH_DISTRIBUTED_DEBUG");
    check_headers_ = debug != nullptr && std::string_view(debug) == "DETAIL";
    cuda::impl::RawDeviceGuard guard(device_);
    ncclUniqueId id{};
    if (rank_ == 0) nccl_check(ncclGetUniqueId(&id), "ncclGetUniqueId");
    setup.broadcast_from_rank0(&id, sizeof id);
    nccl_check(ncclCommInitRank(&comm_, size_, id, rank_), "ncclCommInitRank");
    int least = 0;
    int greatest = 0;
    EMBER_CUDA_CHECK(cudaDeviceGetStreamPriorityRange(&least, &greatest));
    EMBER_CUDA_CHECK(cudaStreamCreateWithPriority(&stream_, cudaStreamNonBlocking, greatest));
    barrier_buffer_ = ember::zeros({1}, TensorOptions().device(Device(kCUDA, device_)));
    if (check_headers_) {
      headers_ = ember::empty({(size_ + 1) * CollectiveHeader::kFields},
                              TensorOptions().dtype(kLong).device(Device(kCUDA, device_)));
      // Page-locked, so that the copy back is queued on the stream rather than waited for
      // (a copy into pageable memory returns only once done: a rank that never comes would
      // hang it past the timeout).
      EMBER_CUDA_CHECK(cudaMallocHost(reinterpret_cast<void**>(&gathered_headers_),
                                      sizeof(CollectiveHeader) * static_cast<size_t>(size_)));
    }
    watchdog_ = std::thread([this] { watch(); });
  }

  ~NcclBackend() override {
    if (watchdog_.joinable()) shutdown(std::chrono::milliseconds(0));
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  bool on_device() const override { return true; }

  void start(Request request, std::shared_ptr<PendingWork> work) override {
    const std::string_view name = op_kind_name(request.kind);
    check_device(name, request.input);
    check_device(name, request.output);
    const bool reduces =
        request.kind == OpKind::all_reduce || request.kind == OpKind::reduce_scatter;
    EMBER_CHECK(!reduces || nccl_type(request.output.dtype()).has_value(),
                "{}: the nccl backend cannot reduce tensors of dtype {} (NCCL has no such type)",
                name, request.output.dtype());
    std::lock_guard lock(mutex_);
    EMBER_CHECK(aborted_.empty(), "{}: the NCCL communicator was aborted earlier: {}", name,
                aborted_);
    EMBER_CHECK(!stopping_, "{}: the process group is being destroyed", name);
    cuda::impl::RawDeviceGuard guard(device_);
    follow_current_stream();
    if (check_headers_ && is_collective(request.kind)) {
      std::string mismatch = exchange_headers(name, request.header);
      if (!mismatch.empty()) {
        work->complete(std::move(mismatch));
        return;
      }
    }
    launch(request);
    InFlight f{std::move(request), std::move(work), nullptr, Clock::now() + timeout_};
    EMBER_CUDA_CHECK(cudaEventCreateWithFlags(&f.done, cudaEventDisableTiming));
    EMBER_CUDA_CHECK(cudaEventRecord(f.done, stream_));
    in_flight_.push_back(std::move(f));
    wake_.notify_one();
  }

  bool shutdown(std::chrono::milliseconds timeout) override {
    std::unique_lock lock(mutex_);
    const bool drained = idle_.wait_for(lock, timeout, [&] { return in_flight_.empty(); });
    if (!drained) {
      abort_locked(
          fmt::format("destroy_process_group: communications still pending after {} ms; the NCCL "
                      "communicator was aborted",
                      timeout.count()));
    }
    stopping_ = true;
    lock.unlock();
    wake_.notify_all();
    watchdog_.join();
    cuda::impl::QuietDeviceGuard guard(device_);
    if (comm_ != nullptr) {
      (void)ncclCommDestroy(comm_);
      comm_ = nullptr;
    }
    (void)cudaStreamDestroy(stream_);
    if (gathered_headers_ != nullptr) (void)cudaFreeHost(gathered_headers_);
    gathered_headers_ = nullptr;
    return drained;
  }

 private:
  void check_device(std::string_view name, const Tensor& t) const {
    if (!t.defined()) return;
    EMBER_CHECK(t.device().index() == device_,
                "{}: the tensor is on {}, but this rank's NCCL communicator uses cuda:{} (one GPU "
                "per rank, chosen by LOCAL_RANK)",
                name, t.device(), static_cast<int>(device_));
  }

  // The backend's stream waits for the work queued so far on the caller's current stream.
  void follow_current_stream() {
    cudaEvent_t ready = nullptr;
    EMBER_CUDA_CHECK(cudaEventCreateWithFlags(&ready, cudaEventDisableTiming));
    const cudaError_t recorded = cudaEventRecord(ready, cuda::impl::current_raw_stream(device_));
    const cudaError_t waited =
        recorded == cudaSuccess ? cudaStreamWaitEvent(stream_, ready, 0) : recorded;
    (void)cudaEventDestroy(ready);  // released once the wait has passed
    EMBER_CUDA_CHECK(waited);
  }

  void launch(const Request& r) {
    const Tensor& in = r.input;
    const Tensor& out = r.output;
    ncclResult_t rc = ncclSuccess;
    const char* call = "";
    switch (r.kind) {
      case OpKind::all_reduce:
        call = "ncclAllReduce";
        rc = ncclAllReduce(in.data_ptr(), out.data_ptr(), static_cast<size_t>(out.numel()),
                           *nccl_type(out.dtype()), nccl_op(r.op), comm_, stream_);
        break;
      case OpKind::broadcast:
        call = "ncclBroadcast";
        rc = ncclBroadcast(out.data_ptr(), out.data_ptr(), out.nbytes(), ncclUint8, r.peer, comm_,
                           stream_);
        break;
      case OpKind::all_gather:
        call = "ncclAllGather";
        rc = ncclAllGather(in.data_ptr(), out.data_ptr(), in.nbytes(), ncclUint8, comm_, stream_);
        break;
      case OpKind::reduce_scatter:
        call = "ncclReduceScatter";
        rc = ncclReduceScatter(in.data_ptr(), out.data_ptr(), static_cast<size_t>(out.numel()),
                               *nccl_type(out.dtype()), nccl_op(r.op), comm_, stream_);
        break;
      case OpKind::barrier:
        // PyTorch's NCCL barrier: an all-reduce of one element.
        call = "ncclAllReduce";
        rc = ncclAllReduce(barrier_buffer_.data_ptr(), barrier_buffer_.data_ptr(), 1, ncclFloat32,
                           ncclSum, comm_, stream_);
        break;
      case OpKind::send:
        call = "ncclSend";
        rc = ncclSend(in.data_ptr(), in.nbytes(), ncclUint8, r.peer, comm_, stream_);
        break;
      case OpKind::recv:
        call = "ncclRecv";
        rc = ncclRecv(out.data_ptr(), out.nbytes(), ncclUint8, r.peer, comm_, stream_);
        break;
    }
    EMBER_CHECK(rc == ncclSuccess, "{}: {}", op_kind_name(r.kind), nccl_error(call, rc));
  }

  // TORCH_DISTRIBUTED_DEBUG=DETAIL: every rank's description of the collective, gathered on
  // the device and compared on the host before the data moves. Empty when they agree.
  std::string exchange_headers(std::string_view name, const CollectiveHeader& mine) {
    constexpr size_t kBytes = sizeof(int64_t) * CollectiveHeader::kFields;
    auto* device = static_cast<int64_t*>(headers_.data_ptr());
    std::vector<CollectiveHeader> all(static_cast<size_t>(size_));
    EMBER_CUDA_CHECK(
        cudaMemcpyAsync(device, mine.fields.data(), kBytes, cudaMemcpyHostToDevice, stream_));
    nccl_check(ncclAllGather(device, device + CollectiveHeader::kFields, CollectiveHeader::kFields,
                             ncclInt64, comm_, stream_),
               "ncclAllGather");
    for (int r = 0; r < size_; ++r) {
      EMBER_CUDA_CHECK(cudaMemcpyAsync(all[static_cast<size_t>(r)].fields.data(),
                                       device + (r + 1) * CollectiveHeader::kFields, kBytes,
                                       cudaMemcpyDeviceToHost, stream_));
    }
    const Clock::time_point deadline = Clock::now() + timeout_;
    for (;;) {
      const cudaError_t q = cudaStreamQuery(stream_);
      if (q == cudaSuccess) break;
      if (q != cudaErrorNotReady) EMBER_CUDA_CHECK(q);
      if (Clock::now() >= deadline) {
        const std::string reason = timeout_message(name);
        abort_locked(reason);
        ember::detail::throw_error(reason);
      }
      std::this_thread::sleep_for(std::chrono::microseconds(20));
    }
    return compare_headers(gathered_headers_, size_);
  }

  std::string timeout_message(std::string_view name) const {
    return fmt::format(
        "{}: timed out after {} ms waiting for the other ranks (a rank that did not call it, "
        "or died); the NCCL communicator was aborted",
        name, timeout_.count());
  }

  // Aborts the communicator and fails every pending Work with `reason`. The aborted requests'
  // tensors are kept until the backend is destroyed: the device may still touch them.
  void abort_locked(const std::string& reason) {
    if (comm_ != nullptr) {
      (void)ncclCommAbort(comm_);
      comm_ = nullptr;
    }
    aborted_ = reason;
    for (InFlight& f : in_flight_) {
      f.work->complete(reason);
      (void)cudaEventDestroy(f.done);
      aborted_requests_.push_back(std::move(f.request));
    }
    in_flight_.clear();
    idle_.notify_all();
  }

  // The watchdog: completes finished work in launch order, and aborts on a timeout or an
  // asynchronous NCCL error.
  void watch() {
    cuda::impl::QuietDeviceGuard guard(device_);
    std::unique_lock lock(mutex_);
    for (;;) {
      if (in_flight_.empty()) {
        idle_.notify_all();
        if (stopping_) return;
        wake_.wait(lock, [&] { return !in_flight_.empty() || stopping_; });
        continue;
      }
      while (!in_flight_.empty()) {
        InFlight& f = in_flight_.front();
        const cudaError_t q = cudaEventQuery(f.done);
        if (q == cudaErrorNotReady) break;
        (void)cudaGetLastError();
        f.work->complete(q == cudaSuccess
                             ? std::string()
                             : fmt::format("{}: CUDA error {}: {}", op_kind_name(f.request.kind),
                                           cudaGetErrorName(q), cudaGetErrorString(q)));
        (void)cudaEventDestroy(f.done);
        in_flight_.pop_front();
      }
      if (in_flight_.empty()) continue;
      ncclResult_t async = ncclSuccess;
      (void)ncclCommGetAsyncError(comm_, &async);
      if (async != ncclSuccess && async != ncclInProgress) {
        abort_locked(
            fmt::format("{}: NCCL reported an error: {}; the NCCL communicator was aborted",
                        op_kind_name(in_flight_.front().request.kind), ncclGetErrorString(async)));
        continue;
      }
      if (Clock::now() >= in_flight_.front().deadline) {
        abort_locked(timeout_message(op_kind_name(in_flight_.front().request.kind)));
        continue;
      }
      // Poll often enough that a wait returns soon after the device finishes.
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::microseconds(20));
      lock.lock();
    }
  }

  int rank_;
  int size_;
  std::chrono::milliseconds timeout_;
  int8_t device_ = 0;
  bool check_headers_ = false;
  ncclComm_t comm_ = nullptr;
  cudaStream_t stream_ = nullptr;
  Tensor barrier_buffer_;
  // TORCH_DISTRIBUTED_DEBUG=DETAIL: this rank's header then every rank's, on the device, and
  // every rank's on the host.
  Tensor headers_;
  CollectiveHeader* gathered_headers_ = nullptr;
  std::thread watchdog_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<InFlight> in_flight_;  // launched, in launch order
  std::vector<Request> aborted_requests_;
  std::string aborted_;  // why the communicator was aborted; empty while it is usable
  bool stopping_ = false;
};

}  // namespace

std::unique_ptr<Backend> make_nccl_backend(const NcclSetup& setup) {
  return std::make_unique<NcclBackend>(setup);
}

}  // namespace ember::distributed::detail
