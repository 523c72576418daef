// Scalar range checks for op parameters follow c10's checked conversion rules.

#include <cmath>
#include <limits>

#include "TestUtils.h"
#include "core/ops/ScalarRange.h"

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
                                "value cannot be converted to type ember::Half without overflow"));
}

TEST(ScalarRange, Extremes) {
  EXPECT_EQ(ember::detail::dtype_lowest(ember::kShort).toLong(), -32768);
  EXPECT_EQ(ember::detail::dtype_highest(ember::kByte).toLong(), 255);
  EXPECT_EQ(ember::detail::dtype_highest(ember::kHalf).toDouble(), INFINITY);
  EXPECT_TRUE(ember::detail::dtype_lowest(ember::kBool).isBoolean());
}

}  // namespace

// item<T>() and Scalar::to<T>() convert as c10's checked_convert: no silent narrowing.
TEST(CheckedConversion, ItemThrowsWhenTheValueDoesNotFit) {
  using ember::tensor;
  EXPECT_TRUE(throws_error_with([] { tensor({300}).item<int8_t>(); },
                                "value cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws_error_with([] { tensor({int64_t{1} << 40}).item<int32_t>(); },
                                "value cannot be converted to type int without overflow"));
  EXPECT_TRUE(throws_error_with([] { tensor({1e300}, ember::kDouble).item<float>(); },
                                "value cannot be converted to type float without overflow"));
  EXPECT_TRUE(throws_error_with([] { tensor({1e300}, ember::kDouble).item<ember::Half>(); },
                                "value cannot be converted to type ember::Half without overflow"));
  EXPECT_TRUE(throws_error_with([] { tensor({-1.0}).item<uint8_t>(); }, "type uint8_t"));
  EXPECT_TRUE(throws_error_with([] { tensor({NAN}).item<int64_t>(); }, "type int64_t"));
  // What fits converts as static_cast would (truncation, wrapping of small negatives).
  EXPECT_EQ(tensor({127}).item<int8_t>(), 127);
  EXPECT_EQ(tensor({-2.7}).item<int16_t>(), -2);
  EXPECT_EQ(tensor({int64_t{-1}}).item<uint8_t>(), 255);
  EXPECT_TRUE(std::isinf(tensor({INFINITY}, ember::kDouble).item<float>()));
  EXPECT_TRUE(std::isnan(tensor({NAN}, ember::kDouble).item<float>()));
  EXPECT_EQ(tensor({1e300}, ember::kDouble).item<double>(), 1e300);
  EXPECT_TRUE(tensor({300}).item<bool>());
  EXPECT_EQ(tensor({int64_t{1} << 40}).item<long long>(), int64_t{1} << 40);
}

TEST(CheckedConversion, ScalarToThrowsWhenTheValueDoesNotFit) {
  EXPECT_TRUE(throws_error_with([] { Scalar(300).to<int8_t>(); },
                                "value cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws_error_with([] { Scalar(1e300).toFloat(); }, "type float without overflow"));
  EXPECT_TRUE(throws_error_with([] { Scalar(int64_t{1} << 31).toInt(); }, "type int without"));
  EXPECT_TRUE(throws_error_with([] { Scalar(1e20).toLong(); }, "type int64_t without overflow"));
  EXPECT_TRUE(throws_error_with([] { Scalar(70000.0).to<ember::Half>(); }, "ember::Half"));
  EXPECT_EQ(Scalar(-255).to<uint8_t>(), 1);
  EXPECT_EQ(Scalar(1e300).to<double>(), 1e300);
  EXPECT_EQ(Scalar(0.1).to<double>(), 0.1);  // no detour through float
  EXPECT_EQ(Scalar(3.5).to<float>(), 3.5f);
  EXPECT_TRUE(Scalar(1e300).to<bool>());
}
