#pragma once

// Where the NCCL backend learns its place in the job: torchrun's environment (RANK,
// WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT) when it is set, else the MPI launcher
// (mpirun) when Ember has MPI, else a world of one process.

#include <chrono>

#include "distributed/Backend.h"
#include "ember/core/Export.h"

namespace ember::distributed::detail {

/// The rank, world size and GPU of this process, and how rank 0's communicator id reaches
/// the others (a TCP connection to MASTER_ADDR:MASTER_PORT, or an MPI broadcast).
EMBER_INTERNAL_API NcclSetup nccl_setup_from_launcher(std::chrono::milliseconds timeout);

}  // namespace ember::distributed::detail
