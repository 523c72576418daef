// The nccl backend's tests: one program per rank under mpirun, one GPU per rank (NCCL refuses
// two ranks of a communicator on one GPU). Without NCCL, a GPU, or a GPU per rank, the program
// says why and exits 77, which ctest shows as skipped.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ember/distributed.h"
#include "ember/ember.h"

namespace {

// The job's size as the launcher publishes it, before any process group exists.
int launcher_world_size() {
  for (const char* name : {"WORLD_SIZE", "OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    if (const char* value = std::getenv(name)) return std::atoi(value);
  }
  return 1;
}

int skip(const std::string& why) {
  std::printf("skipped: %s\n", why.c_str());
  return 77;
}

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  const int world = launcher_world_size();
  if (!ember::distributed::is_available("nccl")) {
    try {
      ember::distributed::init_process_group("nccl");
    } catch (const ember::Error& e) {
      return skip(e.what());
    }
    return skip("the nccl backend is not available");
  }
  if (ember::cuda::device_count() < world) {
    return skip("the nccl tests need one GPU per rank: " + std::to_string(world) + " ranks, " +
                std::to_string(ember::cuda::device_count()) + " GPU(s)");
  }
  ember::distributed::init_process_group("nccl", std::chrono::seconds(30));
  const int rank = ember::distributed::get_rank();
  ember::cuda::set_device(rank % ember::cuda::device_count());
  if (rank != 0) {
    auto& listeners = testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
  }
  const int result = RUN_ALL_TESTS();
  ember::distributed::destroy_process_group();
  return result;
}
