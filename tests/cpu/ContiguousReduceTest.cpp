// Whole-tensor sum, mean and 2-norm of contiguous float32 data take the blocked float path
// (backends/cpu/ContiguousFloatReduce.cpp): results must not depend on the thread count, must
// be as accurate as PyTorch's cascade sum and must agree with the general path.

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "TestUtils.h"

namespace {

using namespace ember;

// A restorer of the thread count, whatever a test sets it to.
struct ThreadCount {
  int saved = get_num_threads();
  ~ThreadCount() { set_num_threads(saved); }
};

TEST(ContiguousReduce, SameBitsOnAnyThreadCount) {
  ThreadCount restore;
  manual_seed(3);
  // Not a multiple of the block or chunk sizes, with a large mean so rounding matters.
  const Tensor x = randn({3000001}) * 10 + 1000;
  set_num_threads(1);
  const float sum1 = x.sum().item<float>();
  const float norm1 = x.norm().item<float>();
  const float mean1 = x.mean().item<float>();
  for (int threads : {2, 3, 8}) {
    set_num_threads(threads);
    EXPECT_EQ(x.sum().item<float>(), sum1) << threads << " threads";
    EXPECT_EQ(x.norm().item<float>(), norm1) << threads << " threads";
    EXPECT_EQ(x.mean().item<float>(), mean1) << threads << " threads";
  }
}

TEST(ContiguousReduce, AccurateAsCascadeSummation) {
  manual_seed(4);
  const Tensor x = rand({5000003});
  const Tensor xd = x.to(kDouble);
  const double exact = xd.sum().item<double>();
  const double sum = x.sum().item<float>();
  // PyTorch's cascade sum is within a few float ULPs of the exact sum here; so is this one.
  EXPECT_LE(std::abs(sum - exact), 4 * std::abs(exact) * 6e-8) << sum << " vs " << exact;
  const double norm_exact = std::sqrt((xd * xd).sum().item<double>());
  EXPECT_LE(std::abs(x.norm().item<float>() - norm_exact), 4 * norm_exact * 6e-8);
  EXPECT_NEAR(x.mean().item<float>(), exact / 5000003, 4 * 0.5 * 6e-8);
}

TEST(ContiguousReduce, OnesSumExactly) {
  // 2^24 + 3 ones: the exact sum rounded once to float (PyTorch gives the same 16777220).
  const Tensor x = ones({(int64_t{1} << 24) + 3});
  EXPECT_EQ(x.sum().item<float>(), 16777220.0f);
  EXPECT_EQ(x.norm().item<float>(), static_cast<float>(std::sqrt(16777219.0)));
}

TEST(ContiguousReduce, AgreesWithTheGeneralPath) {
  manual_seed(5);
  const Tensor x = randn({1500, 700});
  // The transpose is not contiguous: it takes the general (double-accumulating) loops.
  const Tensor t = x.t();
  EXPECT_TRUE(ember_test::tensors_close(x.sum(), t.sum(), 1e-6, 1e-3));
  EXPECT_TRUE(ember_test::tensors_close(x.norm(), t.norm(), 1e-6, 0));
  // Special values propagate.
  Tensor y = ones({100000});
  y.index_put_({777}, std::numeric_limits<float>::quiet_NaN());
  EXPECT_TRUE(std::isnan(y.sum().item<float>()));
  y.index_put_({777}, std::numeric_limits<float>::infinity());
  EXPECT_EQ(y.sum().item<float>(), std::numeric_limits<float>::infinity());
  EXPECT_EQ(y.norm().item<float>(), std::numeric_limits<float>::infinity());
  EXPECT_EQ(zeros({0}).sum().item<float>(), 0.0f);
  // Squares beyond float's range take the double loops (PyTorch's values).
  EXPECT_FLOAT_EQ(full({2}, 1e30f).norm().item<float>(), 1.41421356e30f);
  EXPECT_FLOAT_EQ(full({2}, 1e-30f).norm().item<float>(), 1.41421356e-30f);
  EXPECT_EQ(zeros({1000}).norm().item<float>(), 0.0f);
}

}  // namespace
