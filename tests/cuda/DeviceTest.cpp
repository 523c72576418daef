#include <gtest/gtest.h>

#include <ember/ember.h>

namespace {

using namespace ember;

TEST(CudaDevice, UnavailableMeansClearErrors) {
  if (cuda::is_available()) GTEST_SKIP() << "a GPU is present";
  EXPECT_EQ(cuda::device_count(), 0);
  EXPECT_THROW(zeros({2}, Device("cuda:0")), Error);
  EXPECT_THROW(ones({2}).cuda(), Error);
  try {
    zeros({2}, Device("cuda"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cuda"), std::string::npos) << e.what();
  }
}

}  // namespace
