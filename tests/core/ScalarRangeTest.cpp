// Scalar range checks for op parameters follow c10's checked conversion rules.

#include <cmath>
#include <limits>

#include "TestUtils.h"
#include "core/ScalarRange.h"

namespace {

using ember::Scalar;
using ember::detail::check_scalar_fits;
using ember_test::throws_error_with;

bool fits(const Scalar& s, ember::Dtype d) {
  try {
    check_scalar_fits(s, d);
    return true;
  } catch (const ember::Error&) {
    return false;
  }
}

TEST(ScalarRange, Integers) {
  EXPECT_TRUE(fits(127, ember::kChar));
  EXPECT_FALSE(fits(128, ember::kChar));
  EXPECT_TRUE(fits(-128, ember::kChar));
  EXPECT_FALSE(fits(-129, ember::kChar));
  EXPECT_TRUE(fits(127.0, ember::kChar));
  EXPECT_FALSE(fits(127.5, ember::kChar));
  // Negative values wrap into unsigned types while their magnitude fits.
  EXPECT_TRUE(fits(-255, ember::kByte));
  EXPECT_FALSE(fits(-256, ember::kByte));
  EXPECT_FALSE(fits(256, ember::kByte));
  EXPECT_TRUE(fits(std::numeric_limits<int64_t>::max(), ember::kLong));
  EXPECT_FALSE(fits(9223372036854775808.0, ember::kLong));  // 2^63
  EXPECT_TRUE(fits(-9223372036854775808.0, ember::kLong));
  EXPECT_FALSE(fits(std::nan(""), ember::kInt));
  EXPECT_FALSE(fits(INFINITY, ember::kInt));
  EXPECT_TRUE(fits(true, ember::kChar));
}

TEST(ScalarRange, Floats) {
  EXPECT_TRUE(fits(65504.0, ember::kHalf));
  EXPECT_FALSE(fits(65505.0, ember::kHalf));
  EXPECT_TRUE(fits(INFINITY, ember::kHalf));
  EXPECT_TRUE(fits(std::nan(""), ember::kBFloat16));
  EXPECT_TRUE(fits(3e38, ember::kFloat));
  EXPECT_FALSE(fits(1e39, ember::kFloat));
  EXPECT_TRUE(fits(1e300, ember::kDouble));
  EXPECT_TRUE(fits(std::numeric_limits<int64_t>::max(), ember::kFloat));
}

TEST(ScalarRange, Message) {
  EXPECT_TRUE(throws_error_with([] { check_scalar_fits(300, ember::kChar); },
                                "value cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws_error_with([] { check_scalar_fits(1e6, ember::kHalf); },
                                "value cannot be converted to type at::Half without overflow"));
}

TEST(ScalarRange, Extremes) {
  EXPECT_EQ(ember::detail::dtype_lowest(ember::kShort).toLong(), -32768);
  EXPECT_EQ(ember::detail::dtype_highest(ember::kByte).toLong(), 255);
  EXPECT_EQ(ember::detail::dtype_highest(ember::kHalf).toDouble(), INFINITY);
  EXPECT_TRUE(ember::detail::dtype_lowest(ember::kBool).isBoolean());
}

}  // namespace
