// The engine: graphs of recorded ops, accumulation, retained gradients, grad(), higher
// derivatives, in-place changes and the errors PyTorch raises.

#include <gtest/gtest.h>

#include "ember/ember.h"

namespace {

using ember::Tensor;

Tensor leaf(std::initializer_list<double> values) {
  return ember::tensor(std::vector<double>(values), ember::kDouble).requires_grad_();
}

void expect_values(const Tensor& t, std::initializer_list<double> expected) {
  ASSERT_TRUE(t.defined());
  const Tensor flat = t.contiguous().view({-1});
  ASSERT_EQ(flat.numel(), static_cast<int64_t>(expected.size()));
  int64_t i = 0;
  for (double e : expected) EXPECT_NEAR(flat[i++].item<double>(), e, 1e-12) << "element " << i - 1;
}

TEST(AutogradEngine, MulAddGradientsAndNodeNames) {
  Tensor x = leaf({1, 2, 3});
  Tensor w = leaf({4, 5, 6});
  Tensor y = x * w + x;
  ASSERT_TRUE(y.grad_fn());
  EXPECT_EQ(y.grad_fn()->name(), "AddBackward0");
  EXPECT_EQ(y.grad_fn()->next_edges()[0].function->name(), "MulBackward0");
  EXPECT_FALSE(y.is_leaf());
  EXPECT_TRUE(x.is_leaf());
  y.backward(ember::ones({3}, ember::kDouble));
  expect_values(x.grad(), {5, 6, 7});
  expect_values(w.grad(), {1, 2, 3});
}

TEST(AutogradEngine, GradientsAccumulateAcrossCalls) {
  Tensor x = leaf({2});
  (x * x).backward();
  (x * x).backward();
  expect_values(x.grad(), {8});
  x.mutable_grad().zero_();
  (x * 3).backward();
  expect_values(x.grad(), {3});
}

TEST(AutogradEngine, RetainGradKeepsIntermediateGradients) {
  Tensor x = leaf({1, 2});
  Tensor h = x * 2;
  h.retain_grad();
  Tensor y = h * h;
  y.backward(ember::ones({2}, ember::kDouble));
  expect_values(h.grad(), {4, 8});
  expect_values(x.grad(), {8, 16});
}

TEST(AutogradEngine, GradWithCreateGraphGivesSecondDerivative) {
  Tensor x = leaf({3});
  Tensor y = x * x * x;
  auto g = ember::autograd::grad({y}, {x}, {}, std::nullopt, /*create_graph=*/true);
  expect_values(g[0], {27});
  auto g2 = ember::autograd::grad({g[0]}, {x});
  expect_values(g2[0], {18});
  EXPECT_FALSE(x.grad().defined());
}

TEST(AutogradEngine, BroadcastGradientsAreSummedToTheInputShape) {
  Tensor a = ember::ones({2, 3}, ember::kDouble).requires_grad_();
  Tensor b = leaf({1, 2, 3});
  (a * b).backward(ember::ones({2, 3}, ember::kDouble));
  EXPECT_EQ(b.grad().sizes(), b.sizes());
  expect_values(b.grad(), {2, 2, 2});
}

TEST(AutogradEngine, PromotedGradientHasTheInputDtype) {
  Tensor f = ember::ones({2}, ember::kFloat).requires_grad_();
  Tensor d = leaf({3, 4});
  (f * d).backward(ember::ones({2}, ember::kDouble));
  EXPECT_EQ(f.grad().dtype(), ember::kFloat);
  EXPECT_EQ(d.grad().dtype(), ember::kDouble);
}

TEST(AutogradEngine, InplaceOnNonLeafRebasesHistory) {
  Tensor x = leaf({1, 2});
  Tensor y = x * 2;
  y.mul_(x);  // y = 2x * x
  EXPECT_EQ(y.grad_fn()->name(), "MulBackward0");
  y.backward(ember::ones({2}, ember::kDouble));
  expect_values(x.grad(), {4, 8});
}

TEST(AutogradEngine, InplaceOnViewUpdatesBaseHistory) {
  Tensor x = leaf({1, 2, 3});
  Tensor y = x * 1;
  Tensor v = y.as_strided({2}, {1}, 1);
  v.mul_(x.as_strided({2}, {1}, 0));  // y = [x0, x1*x0, x2*x1]
  EXPECT_EQ(y.grad_fn()->name(), "CopySlices");
  y.backward(ember::ones({3}, ember::kDouble));
  expect_values(x.grad(), {1 + 2, 1 + 3, 2});
}

TEST(AutogradEngine, ErrorsAsPyTorchRaisesThem) {
  Tensor plain = ember::ones({1});
  EXPECT_THROW(
      {
        try {
          plain.backward();
        } catch (const ember::Error& e) {
          EXPECT_NE(std::string(e.what()).find("does not require grad and does not have a grad_fn"),
                    std::string::npos);
          throw;
        }
      },
      ember::Error);
  Tensor x = leaf({1, 2});
  Tensor y = x * x;
  EXPECT_THROW(y.backward(), ember::Error);  // non-scalar without gradient
  Tensor s = (x * x).mul(1.0);
  Tensor z = x * x;
  z.backward(ember::ones({2}, ember::kDouble));
  EXPECT_THROW(z.backward(ember::ones({2}, ember::kDouble)), ember::Error);  // freed graph
  Tensor a = x * 1;
  Tensor b = a * a;
  a.add_(1);
  EXPECT_THROW(b.backward(ember::ones({2}, ember::kDouble)), ember::Error);  // version
  EXPECT_THROW(x.mul_(2), ember::Error);  // leaf that requires grad
  {
    ember::NoGradGuard no_grad;
    x.mul_(1);
  }
  Tensor unused = leaf({1});
  EXPECT_THROW(ember::autograd::grad({x * 2}, {unused}, {ember::ones({2}, ember::kDouble)}),
               ember::Error);
  auto g = ember::autograd::grad({x * 2}, {unused}, {ember::ones({2}, ember::kDouble)},
                                 std::nullopt, false, /*allow_unused=*/true);
  EXPECT_FALSE(g[0].defined());
  (void)s;
}

TEST(AutogradEngine, HooksSeeAndReplaceGradients) {
  Tensor x = leaf({1, 2});
  Tensor h = x * 3;
  Tensor seen;
  h.register_hook([&](const Tensor& g) { seen = g.clone(); });
  x.register_hook([](const Tensor& g) { return g * 10; });
  (h * 1).backward(ember::ones({2}, ember::kDouble));
  expect_values(seen, {1, 1});
  expect_values(x.grad(), {30, 30});
}

TEST(AutogradEngine, NoGradGuardRecordsNothing) {
  Tensor x = leaf({1});
  Tensor y;
  {
    ember::NoGradGuard no_grad;
    y = x * 2;
  }
  EXPECT_FALSE(y.requires_grad());
  EXPECT_FALSE(y.grad_fn());
}

}  // namespace

namespace {

TEST(AutogradGradCheck, PassesForCorrectFormulasAndFailsForWrongOnes) {
  Tensor a = ember::randn({2, 3}, ember::kDouble).requires_grad_();
  Tensor b = ember::randn({3}, ember::kDouble).requires_grad_();
  auto fn = [](const ember::autograd::variable_list& in) {
    return ember::autograd::variable_list{in[0] * in[1] / (in[1] * in[1] + 1) - in[0]};
  };
  EXPECT_TRUE(ember::autograd::gradcheck(fn, {a, b}));
  EXPECT_TRUE(ember::autograd::gradgradcheck(fn, {a, b}));
  // A function whose backward is wrong: its gradient is hidden by a detach.
  auto wrong = [](const ember::autograd::variable_list& in) {
    return ember::autograd::variable_list{in[0] * in[0].detach() * in[0]};
  };
  EXPECT_FALSE(ember::autograd::gradcheck(wrong, {a}, 1e-6, 1e-5, 1e-3, false));
  EXPECT_THROW(ember::autograd::gradcheck(wrong, {a}), ember::Error);
}

}  // namespace

namespace {

// A graph as long as a loop of many ops: backward and freeing it must not recurse once per
// node (which overflows the stack).
TEST(AutogradEngine, VeryLongGraphsRunAndFreeWithoutRecursion) {
  Tensor x = ember::ones({1}, ember::kDouble).requires_grad_();
  Tensor y = x;
  for (int i = 0; i < 100000; ++i) y = y * 1.0 + x * 0.0;
  y.backward();
  EXPECT_DOUBLE_EQ(x.grad().item<double>(), 1.0);
  y = Tensor();  // frees the whole graph
  Tensor z = x;
  for (int i = 0; i < 100000; ++i) z = z * 1.0;
  z = Tensor();
  SUCCEED();
}

}  // namespace
