// Bad inputs to the losses throw ember::Error with PyTorch's messages (C++ spellings of the
// shapes, "[2, 3]", as libtorch prints them).

#include <gtest/gtest.h>

#include "TestUtils.h"
#include "ember/ember.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::throws_error_with;

TEST(LossErrors, RegressionLosses) {
  const Tensor x = ember::randn({2, 3});
  const Tensor longs = ember::ones({3}, ember::kLong);
  EXPECT_TRUE(throws_error_with([&] { F::mse_loss(longs, longs); },
                                "\"mse_cpu\" not implemented for 'Long'"));
  EXPECT_TRUE(throws_error_with([&] { F::huber_loss(longs, longs); },
                                "\"huber_cpu\" not implemented for 'Long'"));
  EXPECT_TRUE(throws_error_with([&] { F::smooth_l1_loss(longs, longs); },
                                "\"smooth_l1_cpu\" not implemented for 'Long'"));
  EXPECT_TRUE(throws_error_with([&] { F::mse_loss(x, ember::randn({2})); },
                                "The size of tensor a (3) must match the size of tensor b (2)"));
  EXPECT_TRUE(throws_error_with([&] { F::huber_loss(x, x, F::HuberLossFuncOptions().delta(0)); },
                                "huber_loss does not support non-positive values for delta."));
  EXPECT_TRUE(
      throws_error_with([&] { F::smooth_l1_loss(x, x, F::SmoothL1LossFuncOptions().beta(-1)); },
                        "smooth_l1_loss does not support negative values for beta."));
  EXPECT_TRUE(
      throws_error_with([&] { ember::mse_loss(x, x, 3); }, "3 is not a valid value for reduction"));
  EXPECT_TRUE(throws_error_with([&] { ember::cross_entropy_loss(x, x, {}, -1); },
                                "-1 is not a valid value for reduction"));
}

TEST(LossErrors, BinaryCrossEntropy) {
  const Tensor p = ember::tensor({0.2F, 0.7F});
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::binary_cross_entropy(ember::tensor({1.5F, 0.5F}), p);
      },
      "all elements of input should be between 0 and 1"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::binary_cross_entropy(ember::tensor({NAN, 0.5F}), p);
      },
      "all elements of input should be between 0 and 1"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::binary_cross_entropy(p, ember::tensor({-0.5F, 0.5F}));
      },
      "all elements of target should be between 0 and 1"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::binary_cross_entropy(ember::rand({2, 3}), ember::rand({3}));
      },
      "Using a target size ([3]) that is different to the input size ([2, 3]) is deprecated. "
      "Please ensure they have the same size."));
  EXPECT_TRUE(throws_error_with([&] { F::binary_cross_entropy(p, p.to(ember::kDouble)); },
                                "Found dtype Double but expected Float"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::binary_cross_entropy(ember::rand({2, 3}), ember::rand({2, 3}),
                                F::BinaryCrossEntropyFuncOptions().weight(ember::rand({2})));
      },
      "expand"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::binary_cross_entropy_with_logits(ember::rand({2, 3}), ember::rand({3}));
      },
      "Target size ([3]) must be the same as input size ([2, 3])"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::binary_cross_entropy_with_logits(
            ember::rand({2, 3}), ember::rand({2, 3}),
            F::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(ember::ones({2})));
      },
      "The size of tensor a (2) must match the size of tensor b (3)"));
  EXPECT_TRUE(throws_error_with(
      [&] { ember::binary_cross_entropy_with_logits(p, ember::ones({2}, ember::kLong)); },
      "result type Float can't be cast to the desired output type Long"));
}

TEST(LossErrors, NllLossTargets) {
  const Tensor x = ember::randn({3, 4});
  const Tensor t = ember::tensor({0, 1, 3});
  EXPECT_TRUE(throws_error_with([&] { F::nll_loss(x, t.to(ember::kFloat)); },
                                "expected target dtype to be Long or Byte, but got Float"));
  EXPECT_TRUE(throws_error_with([&] { F::nll_loss(x, t.to(ember::kInt)); },
                                "expected target dtype to be Long or Byte, but got Int"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(x, ember::tensor({0, 1, 4}));
      },
      "Target 4 is out of bounds."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(x, ember::tensor({0, -1, 1}));
      },
      "Target -1 is out of bounds."));
  // -100 is only ignored while it is the ignore_index.
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(x, ember::tensor({0, -100, 1}), F::NLLLossFuncOptions().ignore_index(1));
      },
      "Target -100 is out of bounds."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(x, ember::tensor({0, 1}));
      },
      "Expected input batch_size (3) to match target batch_size (2)."));
  EXPECT_TRUE(throws_error_with([&] { F::nll_loss(x, ember::tensor(1)); },
                                "Expected input batch_size (3) to match target batch_size (0)."));
  EXPECT_TRUE(throws_error_with([&] { F::nll_loss(ember::tensor(1.0F), ember::tensor(0)); },
                                "Expected 1 or more dimensions (got 0)"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(x, ember::zeros({3, 2}, ember::kLong));
      },
      "0D or 1D target tensor expected, multi-target not supported"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(ember::randn({4}), ember::tensor({2, 1}));
      },
      "For 1D input, 1D target must have size 1, but got target size: 2"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(ember::ones({3, 4}, ember::kLong), t);
      },
      "\"nll_loss_out_frame\" not implemented for 'Long'"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(ember::randn({2, 3, 5, 6}), ember::full({2, 5, 6}, 3, ember::kLong));
      },
      "Target 3 is out of bounds."));
}

TEST(LossErrors, NllLossShapesAndWeights) {
  const Tensor x = ember::randn({3, 4});
  const Tensor t = ember::tensor({0, 1, 3});
  EXPECT_TRUE(throws_error_with(
      [&] { F::nll_loss(x, t, F::NLLLossFuncOptions().weight(ember::ones({3}))); },
      "weight tensor should be defined either for all 4 classes or no classes but got weight "
      "tensor of shape: [3]"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::nll_loss(x, t, F::NLLLossFuncOptions().weight(ember::ones({4}, ember::kDouble))); },
      "expected scalar type Float but found Double"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(ember::randn({2, 3, 5}), ember::zeros({2, 4}, ember::kLong));
      },
      "Expected target size [2, 5], got [2, 4]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(ember::randn({2, 3, 5, 6}), ember::zeros({2, 4, 6}, ember::kLong));
      },
      "size mismatch (got input: [2, 3, 5, 6] , target: [2, 4, 6]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(ember::randn({2, 3, 5, 6}), ember::zeros({2, 5}, ember::kLong));
      },
      "only batches of spatial targets supported (3D tensors) but got targets of dimension: 2"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::nll_loss(ember::randn({2, 3, 5, 6}), ember::zeros({2, 5, 6}, ember::kLong),
                    F::NLLLossFuncOptions().weight(ember::ones({2})));
      },
      "weight tensor should be defined either for all or no classes"));
}

TEST(LossErrors, CrossEntropy) {
  const Tensor x = ember::randn({3, 4});
  const Tensor t = ember::tensor({0, 1, 3});
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cross_entropy(x, ember::zeros({3, 4}, ember::kLong));
      },
      "Expected floating point type for target with class probabilities, got Long"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cross_entropy(x, ember::rand({3, 4}), F::CrossEntropyFuncOptions().ignore_index(1));
      },
      "ignore_index is not supported for floating point target"));
  for (const Tensor& target : {t, ember::rand({3, 4})}) {
    EXPECT_TRUE(throws_error_with(
        [&] { F::cross_entropy(x, target, F::CrossEntropyFuncOptions().label_smoothing(1.5)); },
        "label_smoothing must be between 0.0 and 1.0. Got: 1.5"));
  }
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cross_entropy(x, ember::rand({3, 4}),
                         F::CrossEntropyFuncOptions().weight(ember::ones({3})));
      },
      "cross_entropy: weight tensor should be defined either for all 4 classes or no classes "
      "but got weight tensor of shape: [3]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cross_entropy(
            x, t, F::CrossEntropyFuncOptions().weight(ember::ones({3})).label_smoothing(0.1));
      },
      "weight tensor should be defined either for all 4 classes or no classes"));
  EXPECT_TRUE(throws_error_with([&] { F::cross_entropy(x, ember::rand({3})); },
                                "expected target dtype to be Long or Byte, but got Float"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cross_entropy(x, ember::tensor({0, 1, 4}),
                         F::CrossEntropyFuncOptions().label_smoothing(0.1));
      },
      "Target 4 is out of bounds."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cross_entropy(ember::randn({2, 3, 5}), ember::rand({2, 3, 4}));
      },
      "Expected target size [2, 5], got [2, 3, 4]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cross_entropy(ember::ones({3, 4}, ember::kLong), t);
      },
      "Long"));
}

}  // namespace
