#include "distributed/Launcher.h"

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "distributed/TcpRendezvous.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::distributed::detail {

namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

int env_int(const char* name, const std::string& value) {
  char* end = nullptr;
  const long parsed = std::strtol(value.c_str(), &end, 10);
  EMBER_CHECK(end != value.c_str() && *end == '\0' && parsed >= 0 && parsed <= (1 << 30),
              "init_process_group: the environment variable {} must be a non-negative integer, "
              "got '{}'",
              name, value);
  return static_cast<int>(parsed);
}

std::string required(const char* name) {
  std::optional<std::string> value = env(name);
  EMBER_CHECK(value.has_value(),
              "init_process_group: environment variable {} expected, but not set (torchrun "
              "sets RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT; or start the job with mpirun)",
              name);
  return *value;
}

// torchrun (or any launcher setting its variables).
NcclSetup from_environment(std::chrono::milliseconds timeout) {
  NcclSetup setup;
  setup.rank = env_int("RANK", required("RANK"));
  setup.world_size = env_int("WORLD_SIZE", required("WORLD_SIZE"));
  EMBER_CHECK(setup.world_size >= 1 && setup.rank < setup.world_size,
              "init_process_group: RANK ({}) must be below WORLD_SIZE ({})", setup.rank,
              setup.world_size);
  if (std::optional<std::string> local = env("LOCAL_RANK")) {
    setup.local_rank = env_int("LOCAL_RANK", *local);
  }
  setup.timeout = timeout;
  if (setup.world_size > 1) {
    const std::string host = required("MASTER_ADDR");
    const int port = env_int("MASTER_PORT", required("MASTER_PORT"));
    setup.broadcast_from_rank0 = [host, port, rank = setup.rank, world = setup.world_size, timeout](
                                     void* data, size_t bytes) {
      tcp_broadcast_from_rank0(host, port, rank, world, data, bytes, timeout);
    };
  } else {
    setup.broadcast_from_rank0 = [](void*, size_t) {};
  }
  return setup;
}

#ifdef EMBER_WITH_MPI
// The node-local rank MPI launchers publish (OpenMPI, MPICH / Intel MPI, Slurm).
int mpi_local_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_RANK", "MPI_LOCALRANKID", "SLURM_LOCALID"}) {
    if (std::optional<std::string> value = env(name)) return env_int(name, *value);
  }
  return -1;
}

// mpirun: the MPI backend gives the rank and world size and broadcasts the id; it lives as
// long as the setup (until the NCCL communicator exists).
NcclSetup from_mpi(std::chrono::milliseconds timeout) {
  // Shut down with the timeout when the setup is dropped: the last broadcast's bookkeeping
  // may still be finishing on the MPI thread just after its wait returned.
  std::shared_ptr<Backend> mpi(make_mpi_backend(timeout).release(), [timeout](Backend* backend) {
    backend->shutdown(timeout);
    delete backend;
  });
  NcclSetup setup;
  setup.rank = mpi->rank();
  setup.world_size = mpi->size();
  setup.local_rank = mpi_local_rank();
  setup.timeout = timeout;
  setup.broadcast_from_rank0 = [mpi, timeout](void* data, size_t bytes) {
    Tensor buffer = ember::empty({static_cast<int64_t>(bytes)}, TensorOptions().dtype(kByte));
    std::memcpy(buffer.data_ptr(), data, bytes);
    Request r;
    r.kind = OpKind::broadcast;
    r.peer = 0;
    r.input = r.output = buffer;
    r.header = CollectiveHeader::make(r.kind, ReduceOp::SUM, 0, buffer);
    auto work = std::make_shared<PendingWork>("init_process_group", timeout);
    mpi->start(std::move(r), work);
    work->wait();
    std::memcpy(data, buffer.data_ptr(), bytes);
  };
  return setup;
}
#endif

}  // namespace

NcclSetup nccl_setup_from_launcher(std::chrono::milliseconds timeout) {
  if (env("RANK") || env("WORLD_SIZE")) return from_environment(timeout);
#ifdef EMBER_WITH_MPI
  return from_mpi(timeout);
#else
  NcclSetup single;
  single.timeout = timeout;
  single.broadcast_from_rank0 = [](void*, size_t) {};
  return single;
#endif
}

}  // namespace ember::distributed::detail
