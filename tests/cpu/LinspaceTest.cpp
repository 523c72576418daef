// linspace on the CPU against PyTorch's values (reference/linspace_data.inc, written by
// tests/reference/gen_linspace.py): integer results truncate the stepped double values (so
// linspace(0, 1, 50, kInt) is 0 ... 0, 1) and convert fractional end points first; half,
// bfloat16, float and double step in their op-math type (float for half and bfloat16, the step
// not rounded to the dtype) with PyTorch's fused multiply-add.
// The CPU is the reference of the CUDA kernel, whose parity test compares the two.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <cstdint>
#include <vector>

#include "TestUtils.h"

namespace {

using namespace ember;

struct LinspaceCase {
  Scalar start;
  Scalar end;
  int64_t steps;
  Dtype dtype;
  std::vector<double> expected;
};

const LinspaceCase kCases[] = {
#include "reference/linspace_data.inc"
};

TEST(Linspace, MatchesPyTorchForEveryDtype) {
  for (const LinspaceCase& c : kCases) {
    const Tensor got = linspace(c.start, c.end, c.steps, TensorOptions().dtype(c.dtype));
    const Tensor expected = tensor(c.expected, TensorOptions().dtype(kDouble)).to(c.dtype);
    EXPECT_TRUE(ember_test::tensors_equal(got, expected))
        << "linspace(" << c.start.toDouble() << ", " << c.end.toDouble() << ", " << c.steps << ", "
        << c.dtype << ")";
  }
}

TEST(Linspace, IntegerResultsReachTheEndPoint) {
  const Tensor t = linspace(0, 1, 50, TensorOptions().dtype(kInt));
  EXPECT_EQ(t[49].item<int32_t>(), 1);
  EXPECT_EQ(t[48].item<int32_t>(), 0);
  EXPECT_EQ(linspace(-2.5, 7.3, 13, TensorOptions().dtype(kLong))[12].item<int64_t>(), 7);
}

}  // namespace
