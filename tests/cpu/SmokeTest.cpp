#include <gtest/gtest.h>

#include <ember/ember.h>

namespace {
using namespace ember;
TEST(Smoke, AddAndSum) {
  Tensor a = tensor({{1.0, 2.0}, {3.0, 4.0}});
  EXPECT_FLOAT_EQ((a + 1).sum().item<float>(), 14.0f);
}
}  // namespace
