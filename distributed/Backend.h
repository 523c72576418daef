#pragma once

// What the process-group front end (ProcessGroup.cpp) asks of a communication backend. The
// front end has already checked the arguments and turned the user's tensors into contiguous
// buffers the backend can use directly (staged on the host for MPI, reductions of
// half-precision tensors in float32, AVG as SUM followed by a division); a backend only moves
// bytes and reports when a request is done.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "distributed/CollectiveHeader.h"
#include "distributed/PendingWork.h"
#include "ember/core/Tensor.h"
#include "ember/distributed/ReduceOp.h"

namespace ember::distributed::detail {

struct Request {
  OpKind kind = OpKind::barrier;
  /// SUM, PRODUCT, MIN or MAX; AVG only for a device backend.
  ReduceOp op = ReduceOp::SUM;
  /// The root of broadcast, the destination of send, the source of recv.
  int peer = 0;
  int tag = 0;
  /// What this rank sends and where the result goes (the same tensor for in-place ops).
  Tensor input;
  Tensor output;
  /// The user's tensors as described to the other ranks, compared before any data moves.
  CollectiveHeader header;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  /// Whether the backend takes CUDA tensors as they are (and only those), rather than host
  /// buffers.
  virtual bool on_device() const { return false; }
  /// Queues `request`; the backend completes `work` when it is done or has failed. Requests
  /// start in the order they are queued (collectives must match across ranks).
  virtual void start(Request request, std::shared_ptr<PendingWork> work) = 0;
  /// Waits up to `timeout` for every queued request, then releases the backend's resources;
  /// false when requests were still pending.
  virtual bool shutdown(std::chrono::milliseconds timeout) = 0;
};

/// What the NCCL backend needs from the launcher: this process's place in the job and a way to
/// pass its communicator's id from rank 0 to the others (distributed/Rendezvous.h).
struct NcclSetup {
  int rank = 0;
  int world_size = 1;
  /// The GPU of this rank; -1 when the launcher did not say (then rank % device_count).
  int local_rank = -1;
  std::chrono::milliseconds timeout{};
  /// Copies `bytes` bytes at `data` on rank 0 into `data` on every rank.
  std::function<void(void* data, size_t bytes)> broadcast_from_rank0;
};

#ifdef EMBER_WITH_MPI
/// The MPI backend on MPI_COMM_WORLD (MPI is initialised on first use and finalised at exit).
std::unique_ptr<Backend> make_mpi_backend(std::chrono::milliseconds timeout);
#endif

}  // namespace ember::distributed::detail
