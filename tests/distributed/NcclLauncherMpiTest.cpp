// The nccl backend's launcher under mpirun (no torchrun variables): the rank and world size
// come from MPI and rank 0's communicator id reaches every rank through MPI. Needs no GPU.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>

#include "distributed/Launcher.h"
#include "ember/distributed.h"

namespace {

TEST(NcclLauncher, RankAndIdComeFromMpi) {
  if (std::getenv("RANK") != nullptr || std::getenv("WORLD_SIZE") != nullptr) {
    GTEST_SKIP() << "RANK / WORLD_SIZE are set: the launcher would use them instead of MPI";
  }
  ember::distributed::detail::NcclSetup setup =
      ember::distributed::detail::nccl_setup_from_launcher(std::chrono::seconds(20));
  EXPECT_EQ(setup.rank, ember::distributed::get_rank());
  EXPECT_EQ(setup.world_size, ember::distributed::get_world_size());
  // One machine: the launcher's local rank is the rank (-1 when it publishes none).
  EXPECT_TRUE(setup.local_rank == setup.rank || setup.local_rank == -1) << setup.local_rank;
  std::array<uint8_t, 128> id{};
  if (setup.rank == 0) {
    for (size_t i = 0; i < id.size(); ++i) id[i] = static_cast<uint8_t>(3 * i + 1);
  }
  setup.broadcast_from_rank0(id.data(), id.size());
  for (size_t i = 0; i < id.size(); ++i) ASSERT_EQ(id[i], static_cast<uint8_t>(3 * i + 1)) << i;
}

}  // namespace
