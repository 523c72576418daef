// sum and mean on the GPU against the CPU backend: whole tensor and by dims, keepdim, every
// dtype, strided, broadcast, empty and 0-d inputs, inner and outer reductions, large inputs.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_cuda_test::all_dtypes;
using ember_cuda_test::gpu;
using ember_cuda_test::random;
using ember_cuda_test::same_on_both;

struct Case {
  Tensor in;
  std::vector<int64_t> dims;
};

std::vector<Case> cases(Dtype d) {
  return {
      {random({1000003}, d, 1), {}},
      {random({1001}, d, 1).slice(0, 1), {}},  // misaligned
      {random({64, 1001}, d, 2), {1}},         // inner
      {random({64, 1001}, d, 2), {-1}},
      {random({1000, 64}, d, 3), {0}},      // outer
      {random({5000, 3}, d, 3), {0}},       // outer, few outputs: split
      {random({200, 300}, d, 4).t(), {1}},  // transposed
      {random({6, 7, 8}, d, 5), {0, 2}},    // two reduced dims
      {random({6, 7, 8}, d, 5).permute({2, 0, 1}), {1, 2}},
      {random({4, 5, 6, 7}, d, 5), {1, 3}},
      {random({5, 0, 3}, d, 6), {1}},           // empty reduction
      {random({5, 0, 3}, d, 6), {0}},           // empty output
      {random({}, d, 7), {}},                   // 0-d
      {random({7}, d, 8).expand({5, 7}), {0}},  // broadcast input
      {random({3, 1 << 20}, d, 9), {1}},
  };
}

TEST(CudaReduce, SumMatchesTheCpuForEveryDtypeAndLayout) {
  EMBER_REQUIRE_CUDA();
  for (Dtype d : all_dtypes()) {
    for (const Case& c : cases(d)) {
      const Tensor dev = c.in.cuda();
      for (bool keepdim : {false, true}) {
        const Tensor expected = c.dims.empty() ? c.in.sum() : c.in.sum(c.dims, keepdim);
        const Tensor actual = c.dims.empty() ? dev.sum() : dev.sum(c.dims, keepdim);
        // Floats accumulate in float on the GPU, in double on the CPU.
        EXPECT_TRUE(same_on_both(actual, expected, 50.0))
            << d << " " << c.in.sizes() << " dims " << IntArrayRef(c.dims);
      }
    }
  }
}

TEST(CudaReduce, SumWithADtypeAndMean) {
  EMBER_REQUIRE_CUDA();
  const Tensor h = random({300, 70}, kInt, 1, -1000, 1000);
  EXPECT_TRUE(same_on_both(h.cuda().sum(kDouble), h.sum(kDouble)));
  EXPECT_TRUE(same_on_both(h.cuda().sum({0}, false, kFloat), h.sum({0}, false, kFloat)));
  EXPECT_EQ(h.cuda().sum().dtype(), kLong);
  for (Dtype d : ember_cuda_test::floating_dtypes()) {
    const Tensor x = random({128, 333}, d, 2);
    EXPECT_TRUE(same_on_both(x.cuda().mean(), x.mean(), 50.0)) << d;
    EXPECT_TRUE(same_on_both(x.cuda().mean({1}, true), x.mean({1}, true), 50.0)) << d;
    EXPECT_TRUE(same_on_both(x.cuda().t().mean({0}), x.t().mean({0}), 50.0)) << d;
  }
  EXPECT_TRUE(same_on_both(h.cuda().mean(kDouble), h.mean(kDouble)));
  // An empty mean is nan, as on the CPU.
  EXPECT_TRUE(same_on_both(zeros({0}, gpu()).mean(), zeros({0}).mean()));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { (void)h.cuda().mean(); }, "mean(): could not infer"));
}

TEST(CudaReduce, LargeSumsAreAccurate) {
  EMBER_REQUIRE_CUDA();
  // 2^24 + 3 values: a sequential float sum would lose the small terms; the GPU's tree of
  // partial sums stays close to the CPU's double accumulation.
  const int64_t n = (int64_t(1) << 24) + 3;
  const Tensor h = random({n}, kFloat, 11, 0.0, 1.0);
  const double expected = h.sum().item<double>();
  EXPECT_NEAR(h.cuda().sum().item<double>(), expected, 1e-5 * expected);
  // Counts stay exact in float below 2^24.
  const int64_t m = (int64_t(1) << 24) - 3;
  EXPECT_EQ(ones({m}, gpu()).sum().item<double>(), static_cast<double>(m));
  EXPECT_EQ(ones({m}, TensorOptions().device(gpu()).dtype(kLong)).sum().item<int64_t>(), m);
}

}  // namespace
