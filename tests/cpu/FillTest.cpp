// fill_ and zero_ on the CPU: values and overflow errors as PyTorch's (data from
// tests/reference/gen_fill.py), 0-d tensor values, broadcast (expanded) targets, versions.

#include <gtest/gtest.h>

#include <ember/ember.h>
#include <ember/fmt.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "TestUtils.h"

namespace {

using namespace ember;

struct FillCase {
  Dtype dtype;
  Scalar value;
  const char* error;
  double expected_float;
  int64_t expected_int;
};

const FillCase kCases[] = {
#include "reference/fill_data.inc"
};

TEST(Fill, ValuesAndOverflowErrorsMatchPyTorch) {
  for (const FillCase& c : kCases) {
    Tensor t = zeros({3}, c.dtype);
    const std::string what = fmt::format("{} fill_({})", c.dtype, c.value);
    if (*c.error != '\0') {
      EXPECT_TRUE(ember_test::throws_error_with([&] { t.fill_(c.value); }, c.error)) << what;
      continue;
    }
    t.fill_(c.value);
    for (int64_t i = 0; i < 3; ++i) {
      const Tensor e = t[i];
      if (is_floating_type(c.dtype)) {
        const double v = e.item<double>();
        if (std::isnan(c.expected_float)) {
          EXPECT_TRUE(std::isnan(v)) << what;
        } else {
          EXPECT_EQ(v, c.expected_float) << what;
          EXPECT_EQ(std::signbit(v), std::signbit(c.expected_float)) << what;
        }
      } else {
        EXPECT_EQ(e.item<int64_t>(), c.expected_int) << what;
      }
    }
  }
}

TEST(Fill, TensorValuesZeroAndVersions) {
  Tensor t = zeros({2, 3}, kInt);
  const uint32_t v0 = t._version();
  t.fill_(tensor(2.7));  // a 0-d value converts like a number
  EXPECT_TRUE(ember_test::tensors_equal(t, full({2, 3}, 2, kInt)));
  EXPECT_GT(t._version(), v0);
  t.zero_();
  EXPECT_TRUE(ember_test::tensors_equal(t, zeros({2, 3}, kInt)));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        t.fill_(tensor({1.0, 2.0}));
      },
      "fill_ only supports 0-dimension value tensor but got tensor with 1 dimensions."));
  // A view fills its base's memory.
  Tensor base = zeros({4, 4});
  base.t().slice(0, 1, 4, 2).fill_(5.0);
  const Tensor expected = tensor(
      {{0.f, 5.f, 0.f, 5.f}, {0.f, 5.f, 0.f, 5.f}, {0.f, 5.f, 0.f, 5.f}, {0.f, 5.f, 0.f, 5.f}});
  EXPECT_TRUE(ember_test::tensors_equal(base, expected));
  // Expanded tensors are filled (each memory location once), as in PyTorch.
  Tensor row = zeros({3});
  Tensor expanded = row.expand({4, 3});
  expanded.fill_(1.5);
  EXPECT_TRUE(ember_test::tensors_equal(row, full({3}, 1.5f)));
  EXPECT_TRUE(ember_test::tensors_equal(expanded, full({4, 3}, 1.5f)));
  Tensor empty_t = zeros({0, 2});
  empty_t.fill_(3);
  EXPECT_EQ(empty_t.numel(), 0);
  // Modifying a leaf that requires grad is refused.
  Tensor leaf = zeros({2}).requires_grad_();
  EXPECT_TRUE(ember_test::throws_error_with([&] { leaf.fill_(1); }, "in-place"));
}

TEST(Fill, FullChecksTheValueLikeFill) {
  EXPECT_TRUE(ember_test::throws_error_with([] { full({2}, 1000, kChar); },
                                            "value cannot be converted to type int8_t"));
  EXPECT_TRUE(ember_test::tensors_equal(full({2}, -1, kByte), tensor({255, 255}).to(kByte)));
}

}  // namespace
