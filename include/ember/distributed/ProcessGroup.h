#pragma once

// torch.distributed's process group API on the default (world) group:
//
//   distributed::init_process_group("mpi");             // under mpirun -np N
//   distributed::all_reduce(t, distributed::ReduceOp::SUM);
//   auto work = distributed::all_reduce(t, distributed::ReduceOp::AVG, /*async_op=*/true);
//   ...  work->wait();
//   distributed::destroy_process_group();
//
// Every rank must call the same collectives in the same order with tensors of the same dtype,
// shape and device type (the root, for broadcast, too): on "mpi" each collective first
// exchanges a small description of its tensors, so a mismatch is an ember::Error on every rank
// rather than a hang or corrupt data ("nccl" does so with TORCH_DISTRIBUTED_DEBUG=DETAIL).
// Tensors must be contiguous. The "mpi" backend takes CPU tensors and CUDA tensors, which it
// stages through host memory (correct, not fast); "nccl" takes CUDA tensors on this rank's GPU
// only.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"
#include "ember/distributed/ReduceOp.h"
#include "ember/distributed/Work.h"

namespace ember::distributed {

/// torch.distributed's default timeout (30 minutes).
inline constexpr std::chrono::milliseconds kDefaultTimeout = std::chrono::minutes(30);

/// Whether `backend` ("mpi", "nccl") was built into this library (and, for "nccl", a GPU
/// could use it).
EMBER_API bool is_available(std::string_view backend);
/// Whether any backend was built in (torch.distributed.is_available()).
EMBER_API bool is_available();
EMBER_API bool is_mpi_available();
EMBER_API bool is_nccl_available();

/// Joins the default process group. For "mpi" the rank and world size come from the MPI
/// launcher (mpirun); a program started without it is rank 0 of a world of 1. For "nccl" they
/// come from torchrun's RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT when RANK or
/// WORLD_SIZE is set, else as for "mpi"; each rank uses GPU LOCAL_RANK. `timeout` is
/// how long a wait on a communication may take before it throws. An ember::Error when the
/// backend is unknown or not built, or a group is already initialised.
EMBER_API void init_process_group(const std::string& backend,
                                  std::chrono::milliseconds timeout = kDefaultTimeout);
EMBER_API bool is_initialized();
/// Leaves the default group after its pending communications have finished (aborting the
/// job when they do not finish within the timeout). A group may be initialised again later.
EMBER_API void destroy_process_group();
EMBER_API int get_rank();
EMBER_API int get_world_size();
EMBER_API std::string get_backend();

/// Reduces `tensor` across ranks in place. Returns the Work when `async_op`, else waits and
/// returns null (as Python returns None).
EMBER_API std::shared_ptr<Work> all_reduce(const Tensor& tensor, ReduceOp op = ReduceOp::SUM,
                                           bool async_op = false);
/// Copies rank `src`'s `tensor` into every other rank's `tensor`.
EMBER_API std::shared_ptr<Work> broadcast(const Tensor& tensor, int src, bool async_op = false);
/// Fills `tensor_list` (world-size tensors shaped as `tensor`) with every rank's `tensor`.
EMBER_API std::shared_ptr<Work> all_gather(const std::vector<Tensor>& tensor_list,
                                           const Tensor& tensor, bool async_op = false);
/// Every rank's `input` concatenated along dim 0 into `output` (world size times as long).
EMBER_API std::shared_ptr<Work> all_gather_into_tensor(const Tensor& output, const Tensor& input,
                                                       bool async_op = false);
/// Reduces the world-size tensors of `input_list` element-wise across ranks; rank r gets the
/// reduction of everyone's input_list[r] in `output`.
EMBER_API std::shared_ptr<Work> reduce_scatter(const Tensor& output,
                                               const std::vector<Tensor>& input_list,
                                               ReduceOp op = ReduceOp::SUM, bool async_op = false);
/// reduce_scatter with the inputs as one tensor split along dim 0 into world-size parts.
EMBER_API std::shared_ptr<Work> reduce_scatter_tensor(const Tensor& output, const Tensor& input,
                                                      ReduceOp op = ReduceOp::SUM,
                                                      bool async_op = false);
/// Returns once every rank has called barrier.
EMBER_API std::shared_ptr<Work> barrier(bool async_op = false);

/// Point to point: `tensor` to rank `dst`, received by recv(tensor, src, tag) there, which
/// must give a tensor of the same dtype and number of elements.
EMBER_API void send(const Tensor& tensor, int dst, int tag = 0);
/// Receives into `tensor` from rank `src`; returns the sender's rank.
EMBER_API int recv(const Tensor& tensor, int src, int tag = 0);
EMBER_API std::shared_ptr<Work> isend(const Tensor& tensor, int dst, int tag = 0);
EMBER_API std::shared_ptr<Work> irecv(const Tensor& tensor, int src, int tag = 0);

}  // namespace ember::distributed
