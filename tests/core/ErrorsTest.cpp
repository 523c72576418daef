#include <gtest/gtest.h>

#include <ember/ember.h>

#include "TestUtils.h"

// Bad input gives an ember::Error whose message says what was expected and what was given;
// nothing is modified.

namespace {

using namespace ember;
using ember_test::throws_error_with;

TEST(Errors, ShapeMismatches) {
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2, 3}) + ones({4});
      },
      "The size of tensor a (3) must match the size of tensor b (4) "
      "at non-singleton dimension 1"));
  EXPECT_TRUE(throws_error_with(
      [] {
        matmul(ones({2, 3}), ones({2, 1}));
      },
      "shapes [2, 3] and [2, 1] cannot be multiplied (3 != 2)"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({6}).view({4, -1});
      },
      "shape '[4, -1]' is invalid for input of size 6"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2, 3}).expand({3, 3});
      },
      "The expanded size of the tensor (3) must match the existing "
      "size (2) at non-singleton dimension 0"));
  Tensor target = zeros({3});
  EXPECT_TRUE(throws_error_with(
      [&] {
        target.add_(ones({2, 3}));
      },
      "output with shape [3] doesn't match the broadcast shape [2, 3]"));
  EXPECT_TRUE(ember_test::tensors_equal(target, zeros({3})));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2}).reshape({-1, -1});
      },
      "only one dimension can be inferred"));
  EXPECT_TRUE(throws_error_with([] { zeros({-1}); }, "negative dimension -1"));
}

TEST(Errors, DtypeProblems) {
  Tensor ints = arange(3);
  EXPECT_TRUE(throws_error_with([&] { ints.div_(2); },
                                "result type Float can't be cast to the desired output type Long"));
  EXPECT_TRUE(ember_test::tensors_equal(ints, arange(3)));
  EXPECT_TRUE(throws_error_with(
      [] {
        matmul(ones({2, 2}), ones({2, 2}, kDouble));
      },
      "same dtype, but got Float != Double"));
  EXPECT_TRUE(throws_error_with([] { arange(3).mean(); }, "mean(): could not infer output dtype"));
  EXPECT_TRUE(throws_error_with([] { ones({2}).data_ptr<int64_t>(); },
                                "expected scalar type Long but found Float"));
  EXPECT_TRUE(throws_error_with([] { ones({2}, kLong).requires_grad_(); },
                                "only Tensors of floating point dtype can require gradients"));
  EXPECT_TRUE(throws_error_with([] { add(arange(3), arange(3), 1.5); },
                                "alpha must not be a floating point number"));
  EXPECT_TRUE(throws_error_with([] { tensor({true}) - tensor({false}); },
                                "Subtraction, the `-` operator, with two bool tensors"));
  try {
    ones({2}, kBool) / ones({2}, kBool);  // true division is defined: bool -> float
  } catch (const Error& e) {
    FAIL() << e.what();
  }
}

TEST(Errors, DeviceProblems) {
  EXPECT_TRUE(throws_error_with([] { Device("gpu"); },
                                "Expected one of cpu, cuda device type at start of device "
                                "string: gpu"));
  EXPECT_TRUE(throws_error_with([] { Device("cuda:x"); }, "Invalid device string: 'cuda:x'"));
  EXPECT_TRUE(throws_error_with([] { Device("cuda:-1"); }, "Invalid device string"));
  EXPECT_TRUE(throws_error_with([] { Device("cpu:1"); }, "CPU device index must be zero"));
  if (!cuda::is_available()) {
    EXPECT_TRUE(throws_error_with([] { ones({2}, Device(kCUDA, 0)); }, "cuda"));
  }
}

TEST(Errors, IndexProblems) {
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2, 3}).select(1, 3);
      },
      "index 3 out of range for tensor of size [2, 3] at dimension 1"));
  EXPECT_TRUE(throws_error_with([] { ones({2, 3})[-3]; }, "index -3 out of range"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2, 3}).size(2);
      },
      "Dimension out of range (expected to be in range of [-2, 1], "
      "but got 2)"));
  EXPECT_TRUE(throws_error_with([] { ones({2, 3}).sum({5}); }, "Dimension out of range"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2, 3}).sum({0, -2});
      },
      "dim 0 appears multiple times in the list of dims"));
  EXPECT_TRUE(throws_error_with([] { ones({4}).narrow(0, 2, 3); },
                                "start (2) + length (3) exceeds dimension size (4)"));
  EXPECT_TRUE(
      throws_error_with([] { ones({4}).slice(0, 0, 4, 0); }, "slice step must be positive"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2, 3}).permute({0, 0});
      },
      "duplicate dims are not allowed"));
  EXPECT_TRUE(throws_error_with([] { ones({}).select(0, 0); },
                                "select() cannot be applied to a 0-dim tensor"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ones({2, 3}).item();
      },
      "a Tensor with 6 elements cannot be converted to Scalar"));
}

TEST(Errors, ViewOfNonContiguousData) {
  const Tensor t = arange(6).reshape({2, 3}).t();
  EXPECT_TRUE(throws_error_with([&] { t.view({6}); },
                                "view size is not compatible with input tensor's size and stride"));
  EXPECT_NO_THROW(t.reshape({6}));  // reshape copies instead
}

TEST(Errors, OverlappingInPlaceWrites) {
  Tensor base = zeros({3});
  Tensor expanded = base.expand({2, 3});
  EXPECT_TRUE(throws_error_with([&] { expanded.add_(1); },
                                "more than one element of the written-to tensor refers to a "
                                "single memory location"));
  Tensor t = arange(4).to(kFloat);
  EXPECT_TRUE(throws_error_with([&] { t.slice(0, 0, 3).add_(t.slice(0, 1, 4)); },
                                "some elements of the input tensor and the written-to tensor "
                                "refer to a single memory location"));
  EXPECT_TRUE(ember_test::tensors_equal(t, arange(4).to(kFloat)));
}

TEST(Errors, CreationArguments) {
  EXPECT_TRUE(throws_error_with([] { arange(0, 10, 0); }, "step must be nonzero"));
  EXPECT_TRUE(throws_error_with([] { arange(10, 0, 1); },
                                "upper bound and larger bound inconsistent with step sign"));
  EXPECT_TRUE(
      throws_error_with([] { linspace(0, 1, -1); }, "number of steps must be non-negative"));
  EXPECT_TRUE(throws_error_with([] { eye(-1); }, "n must be greater or equal to 0"));
  EXPECT_TRUE(throws_error_with([] { tensor({{1, 2}, {3}}); }, "rectangular"));
  EXPECT_TRUE(throws_error_with([] { from_blob(nullptr, {3}); }, "data pointer is null"));
  EXPECT_TRUE(throws_error_with([] { Tensor().sizes(); }, "undefined tensor"));
}

}  // namespace
