// The branch-free float32 exp and tanh in kernels/FastMath.h against the C library in double
// precision, over the whole float range (every 997th float), in units in the last place.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "kernels/FastMath.h"

namespace {

using ember::kernels::fast_exp;
using ember::kernels::fast_tanh;

int64_t ordered(float f) {
  int32_t i;
  std::memcpy(&i, &f, sizeof(i));
  return i < 0 ? -static_cast<int64_t>(i & 0x7fffffff) : i;
}

// Distance in representable floats (0 when equal; NaN must match NaN).
int64_t ulp_distance(float actual, double exact) {
  const float expected = static_cast<float>(exact);
  if (std::isnan(expected)) return std::isnan(actual) ? 0 : INT64_MAX;
  if (std::isinf(expected) || std::isinf(actual)) return actual == expected ? 0 : INT64_MAX;
  const int64_t d = ordered(actual) - ordered(expected);
  return d < 0 ? -d : d;
}

template <class F, class G>
int64_t max_ulp_error(F approx, G exact, float lo, float hi) {
  int64_t worst = 0;
  for (int64_t bits = 0; bits <= 0xffffffffLL; bits += 997) {
    const uint32_t b = static_cast<uint32_t>(bits);
    float x;
    std::memcpy(&x, &b, sizeof(x));
    if (!(x >= lo && x <= hi)) continue;
    const int64_t d = ulp_distance(approx(x), exact(static_cast<double>(x)));
    EXPECT_LE(d, 2) << "x = " << x;
    if (d > worst) worst = d;
    if (d > 2) break;
  }
  return worst;
}

TEST(FastMath, ExpWithinTwoUlpEverywhere) {
  const int64_t worst = max_ulp_error([](float x) { return fast_exp(x); },
                                      [](double x) { return std::exp(x); }, -110.0f, 90.0f);
  EXPECT_LE(worst, 2);
}

TEST(FastMath, ExpSpecialValues) {
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_TRUE(std::isnan(fast_exp(std::numeric_limits<float>::quiet_NaN())));
  EXPECT_TRUE(std::isnan(fast_exp(-std::numeric_limits<float>::quiet_NaN())));
  EXPECT_EQ(fast_exp(inf), inf);
  EXPECT_EQ(fast_exp(-inf), 0.0f);
  EXPECT_EQ(fast_exp(89.0f), inf);
  EXPECT_EQ(fast_exp(-104.0f), 0.0f);
  EXPECT_EQ(fast_exp(0.0f), 1.0f);
  EXPECT_EQ(fast_exp(-0.0f), 1.0f);
  EXPECT_GT(fast_exp(-100.0f), 0.0f);  // subnormal result, not flushed
  EXPECT_EQ(fast_exp(1e-30f), 1.0f);
}

TEST(FastMath, TanhWithinTwoUlpEverywhere) {
  const int64_t worst =
      max_ulp_error([](float x) { return fast_tanh(x); }, [](double x) { return std::tanh(x); },
                    -std::numeric_limits<float>::max(), std::numeric_limits<float>::max());
  EXPECT_LE(worst, 2);
}

TEST(FastMath, TanhSpecialValues) {
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_TRUE(std::isnan(fast_tanh(std::numeric_limits<float>::quiet_NaN())));
  EXPECT_EQ(fast_tanh(inf), 1.0f);
  EXPECT_EQ(fast_tanh(-inf), -1.0f);
  EXPECT_EQ(fast_tanh(1e-30f), 1e-30f);
  EXPECT_TRUE(std::signbit(fast_tanh(-0.0f)));
}

}  // namespace
