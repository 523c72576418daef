// F::dropout: identity when not training or p = 0, zeros when p = 1, otherwise a Bernoulli
// mask scaled by 1 / (1 - p) with the right statistics and gradient; PyTorch's error for p
// outside [0, 1].

#include <gtest/gtest.h>

#include "LayersTestUtils.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;

TEST(DropoutFunctional, EvalModeAndZeroProbabilityReturnTheInputItself) {
  const Tensor x = ember::randn({4, 5});
  EXPECT_TRUE(F::dropout(x, F::DropoutFuncOptions().training(false)).is_same(x));
  EXPECT_TRUE(F::dropout(x, F::DropoutFuncOptions().p(0)).is_same(x));
  EXPECT_TRUE(F::dropout(x, F::DropoutFuncOptions().p(1).training(false)).is_same(x));
}

TEST(DropoutFunctional, ProbabilityOneGivesZerosThatKeepTheGradientPath) {
  const Tensor x = ember::randn({3, 4}, ember::kDouble).requires_grad_();
  const Tensor y = F::dropout(x, F::DropoutFuncOptions().p(1));
  EXPECT_TRUE(tensors_close(y, ember::zeros({3, 4}, ember::kDouble), 0, 0));
  y.sum().backward();
  EXPECT_TRUE(tensors_close(x.grad(), ember::zeros({3, 4}, ember::kDouble), 0, 0));
}

TEST(DropoutFunctional, TrainingKeepsAboutOneMinusPAndScalesTheKept) {
  ember::manual_seed(3);
  for (const double p : {0.2, 0.5, 0.9}) {
    SCOPED_TRACE(p);
    const Tensor x = ember::full({200000}, 2.0);
    const Tensor y = F::dropout(x, F::DropoutFuncOptions().p(p));
    EXPECT_EQ(y.dtype(), ember::kFloat);
    const Tensor kept = y.ne(0);
    // Every element is either dropped or scaled by 1 / (1 - p).
    EXPECT_TRUE(tensors_close(y.masked_fill(kept.logical_not(), 2.0 / (1 - p)),
                              ember::full({200000}, 2.0 / (1 - p)), 1e-6, 0));
    // The kept fraction is 1 - p (200000 Bernoulli draws: standard error below 0.0012).
    const double fraction = kept.to(ember::kDouble).mean().item<double>();
    EXPECT_NEAR(fraction, 1 - p, 0.006);
    // So the mean is preserved on average.
    EXPECT_NEAR(y.to(ember::kDouble).mean().item<double>(), 2.0, 0.06);
  }
}

TEST(DropoutFunctional, MasksDifferBetweenCallsAndFollowTheSeed) {
  const Tensor x = ember::ones({1000});
  ember::manual_seed(11);
  const Tensor a = F::dropout(x);
  const Tensor b = F::dropout(x);
  ember::manual_seed(11);
  const Tensor c = F::dropout(x);
  EXPECT_FALSE(a.equal(b));
  EXPECT_TRUE(a.equal(c));
}

TEST(DropoutFunctional, GradientIsTheScaledMask) {
  const Tensor x = ember::randn({50, 8}, ember::kDouble).requires_grad_();
  const Tensor y = F::dropout(x, F::DropoutFuncOptions().p(0.25));
  y.sum().backward();
  const Tensor mask = y.detach().ne(0).to(ember::kDouble);
  EXPECT_TRUE(tensors_close(x.grad(), mask / 0.75, 1e-15, 0));
  // With the mask fixed by the seed, the first and second derivatives check.
  layers_test::expect_gradients_check(
      [](const auto& in) {
        ember::manual_seed(5);
        return std::vector<Tensor>{F::dropout(in[0], F::DropoutFuncOptions().p(0.4)) * in[0]};
      },
      {ember::randn({3, 4}, ember::kDouble).requires_grad_()});
}

TEST(DropoutFunctional, InplaceModifiesAndReturnsTheInput) {
  ember::manual_seed(2);
  Tensor x = ember::ones({100});
  const Tensor y = F::dropout(x, F::DropoutFuncOptions().p(0.5).inplace(true));
  EXPECT_TRUE(y.is_same(x));
  EXPECT_TRUE(x.eq(0).logical_or(x.eq(2)).all().item<bool>());
  EXPECT_TRUE(x.eq(0).any().item<bool>());
  Tensor z = ember::ones({4});
  F::dropout(z, F::DropoutFuncOptions().p(1).inplace(true));
  EXPECT_TRUE(tensors_close(z, ember::zeros({4}), 0, 0));
}

TEST(DropoutFunctional, ProbabilityOutsideZeroOneIsAnError) {
  const Tensor x = ember::ones({3});
  EXPECT_TRUE(throws_error_with([&] { F::dropout(x, F::DropoutFuncOptions().p(1.5)); },
                                "dropout probability has to be between 0 and 1, but got 1.5"));
  EXPECT_TRUE(
      throws_error_with([&] { F::dropout(x, F::DropoutFuncOptions().p(-0.1).training(false)); },
                        "dropout probability has to be between 0 and 1, but got -0.1"));
}

}  // namespace
