// The distributed tests run as one program per rank under mpirun (see tests/CMakeLists.txt):
// every rank runs every test in the same order, so their collectives pair up. The default
// process group lives for the whole run, with a short timeout so that a broken test fails
// instead of hanging.

#include <gtest/gtest.h>

#include <chrono>

#include "ember/distributed.h"
#include "ember/ember.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  // Ranks share the machine's cores: one compute thread each.
  ember::set_num_threads(1);
  ember::distributed::init_process_group("mpi", std::chrono::seconds(20));
  // Only rank 0 prints the per-test lines; failures on any rank still print.
  if (ember::distributed::get_rank() != 0) {
    auto& listeners = testing::UnitTest::GetInstance()->listeners();
    delete listeners.Release(listeners.default_result_printer());
  }
  const int result = RUN_ALL_TESTS();
  ember::distributed::destroy_process_group();
  return result;
}
