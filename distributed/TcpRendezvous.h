#pragma once

// The rendezvous of processes started without MPI (torchrun's environment: MASTER_ADDR and
// MASTER_PORT): rank 0 listens on MASTER_PORT and hands a few bytes (the NCCL communicator's
// id) to every other rank, which connects to MASTER_ADDR:MASTER_PORT. It is the one exchange
// the NCCL backend needs before its communicator exists, so it is a broadcast, not a
// key-value store.

#include <chrono>
#include <cstddef>
#include <string>

#include "ember/core/Export.h"

namespace ember::distributed::detail {

/// Copies `bytes` bytes at `data` on rank 0 into `data` on ranks 1 .. world_size-1. Rank 0
/// returns once every other rank has received them; the others retry their connection until
/// rank 0 listens. An ember::Error when `timeout` passes first, or on a socket error.
EMBER_INTERNAL_API void tcp_broadcast_from_rank0(const std::string& host, int port, int rank,
                                                 int world_size, void* data, size_t bytes,
                                                 std::chrono::milliseconds timeout);

}  // namespace ember::distributed::detail
