#include <gtest/gtest.h>

#include <ember/ember.h>

namespace {

using namespace ember;

// Expected values are torch.promote_types / torch.result_type outputs (PyTorch 1.13).
TEST(Promotion, PromoteTypesTable) {
  EXPECT_EQ(promote_types(kByte, kChar), kShort);
  EXPECT_EQ(promote_types(kBool, kByte), kByte);
  EXPECT_EQ(promote_types(kHalf, kBFloat16), kFloat);
  EXPECT_EQ(promote_types(kInt, kHalf), kHalf);
  EXPECT_EQ(promote_types(kLong, kFloat), kFloat);
  EXPECT_EQ(promote_types(kFloat, kDouble), kDouble);
  EXPECT_EQ(promote_types(kBFloat16, kLong), kBFloat16);
  for (int a = 0; a < kNumDtypes; ++a) {
    for (int b = 0; b < kNumDtypes; ++b) {
      EXPECT_EQ(promote_types(Dtype(a), Dtype(b)), promote_types(Dtype(b), Dtype(a)));
    }
  }
}

TEST(Promotion, ResultTypeWithScalarsAndZeroDim) {
  const Tensor i8 = ones({2}, kChar);
  const Tensor f16 = ones({2}, kHalf);
  EXPECT_EQ(result_type(i8, Scalar(1000)), kChar);
  EXPECT_EQ(result_type(i8, Scalar(1.5)), kFloat);
  EXPECT_EQ(result_type(f16, Scalar(1.5)), kHalf);
  EXPECT_EQ(result_type(i8, ones({}, kLong)), kChar);
  EXPECT_EQ(result_type(i8, ones({}, kDouble)), kDouble);
  EXPECT_EQ(result_type(ones({2}, kBool), Scalar(2)), kLong);
  EXPECT_EQ(result_type(ones({}, kInt), ones({}, kLong)), kLong);
}

}  // namespace
