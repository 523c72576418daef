#include <gtest/gtest.h>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;

TEST(CudaDevice, UnavailableMeansClearErrors) {
  if (cuda::is_available()) GTEST_SKIP() << "a GPU is present";
  EXPECT_EQ(cuda::device_count(), 0);
  EXPECT_THROW(zeros({2}, Device("cuda:0")), Error);
  EXPECT_THROW(ones({2}).cuda(), Error);
  EXPECT_TRUE(ember_test::throws_error_with([] { zeros({2}, Device("cuda")); }, "cuda"));
}

}  // namespace
