// torch.autograd.functional's jacobian, hessian, vjp and jvp: values against PyTorch's
// (torch 2.x, float64, committed as literals), shapes, what happens to the inputs, and the
// strict-mode and argument errors.

#include <gtest/gtest.h>

#include <string>

#include "ember/ember.h"

namespace {

using ember::Tensor;
using ember::autograd::variable_list;
namespace F = ember::autograd::functional;

Tensor values(std::initializer_list<double> v) {
  return ember::tensor(std::vector<double>(v), ember::kDouble);
}

void expect_close(const Tensor& actual, const Tensor& expected, double tol = 1e-12) {
  ASSERT_TRUE(actual.defined());
  ASSERT_EQ(actual.sizes(), expected.sizes());
  EXPECT_TRUE(ember::allclose(actual, expected, tol, tol)) << "actual:\n"
                                                           << actual << "\nexpected:\n"
                                                           << expected;
}

template <class Fn>
std::string error_of(Fn&& f) {
  try {
    f();
  } catch (const ember::Error& e) {
    return e.what();
  }
  return "no error";
}

// The sum of a contiguous tensor's elements, written with recorded ops only (one-element
// strided windows and additions), so that these tests do not depend on sum's formula.
Tensor sum_of_elements(const Tensor& t) {
  const Tensor c = t.contiguous();
  Tensor total = ember::as_strided(c, {}, {}, c.storage_offset());
  for (int64_t i = 1; i < c.numel(); ++i) {
    total = total + ember::as_strided(c, {}, {}, c.storage_offset() + i);
  }
  return total;
}

const Tensor kA = values({0.5, -1.25, 2.0});
const Tensor kB = values({1.5, 0.75, -0.5});

TEST(Functional, HessianOfASquaredErrorIsDiagonal) {
  // d^2/dw^2 sum((y - w x)^2) = diag(2 x^2).
  const Tensor x = values({1, 2, 3});
  const Tensor y = values({0.5, -1, 2});
  const Tensor w = values({4, 5, 6});
  const Tensor h = F::hessian(
      [&](const Tensor& w_) {
        const Tensor r = y - w_ * x;
        return sum_of_elements(r * r);
      },
      w);
  expect_close(h, diag(values({2, 8, 18})));
  EXPECT_FALSE(h.requires_grad());
}

TEST(Functional, HessianOfASquaredErrorWithPowAndSum) {
  const Tensor x = values({1, 2, 3});
  const Tensor y = values({0.5, -1, 2});
  const Tensor h =
      F::hessian([&](const Tensor& w_) { return (y - w_ * x).pow(2).sum(); }, values({4, 5, 6}));
  expect_close(h, diag(values({2, 8, 18})));
}

TEST(Functional, JacobianOfAnElementwisePolynomialMatchesPyTorch) {
  // torch.autograd.functional.jacobian(lambda a: a*a*a - a/(a+3.0), a)
  const Tensor j = F::jacobian([](const Tensor& a) { return a * a * a - a / (a + 3.0); }, kA);
  expect_close(j, diag(values({0.5051020408163265, 3.707908163265306, 11.879999999999999})));
}

TEST(Functional, JacobiansOfTranscendentalFunctionsMatchPyTorch) {
  // The diagonals of torch.autograd.functional.jacobian(fn, a).
  const std::vector<std::pair<std::function<Tensor(const Tensor&)>, Tensor>> cases = {
      {[](const Tensor& t) { return t.exp(); },
       values({1.6487212707001282, 0.2865047968601901, 7.38905609893065})},
      {[](const Tensor& t) { return t.sin(); },
       values({0.8775825618903728, 0.3153223623952687, -0.4161468365471424})},
      {[](const Tensor& t) { return t.tanh(); },
       values({0.7864477329659274, 0.28041486618043265, 0.07065082485316443})},
      {[](const Tensor& t) { return t.sigmoid(); },
       values({0.2350037122015945, 0.173104786992497, 0.10499358540350662})},
  };
  for (const auto& [fn, diagonal] : cases) expect_close(F::jacobian(fn, kA), diag(diagonal));
}

TEST(Functional, JacobianOfSeveralInputsMatchesPyTorch) {
  const auto g = [](const variable_list& in) { return in[0] * in[1] + in[0] / in[1] - in[1]; };
  const variable_list j = F::jacobian(g, {kA, kB});
  ASSERT_EQ(j.size(), 2u);
  expect_close(j[0], diag(values({2.1666666666666665, 2.083333333333333, -2.5})));
  expect_close(j[1], diag(values({-0.7222222222222223, -0.02777777777777768, -7.0})), 1e-12);
}

TEST(Functional, JacobianShapeIsOutputShapeThenInputShape) {
  const Tensor m = ember::arange(6, ember::kDouble).view({2, 3});
  // f(a)[i][j] = m[i][j] * a[j]: J[i][j][k] = m[i][j] if j == k.
  const Tensor j = F::jacobian([&](const Tensor& a) { return m * a; }, kA);
  ASSERT_EQ(j.sizes(), (std::vector<int64_t>{2, 3, 3}));
  for (int64_t i = 0; i < 2; ++i) {
    for (int64_t r = 0; r < 3; ++r) {
      for (int64_t c = 0; c < 3; ++c) {
        EXPECT_EQ(j[i][r][c].item<double>(), r == c ? m[i][r].item<double>() : 0.0);
      }
    }
  }
  // A one-element input: the Jacobian of a 0-d input has the output's shape.
  const Tensor j0 =
      F::jacobian([](const Tensor& a) { return a * a; }, ember::full({}, 3.0, ember::kDouble));
  ASSERT_EQ(j0.dim(), 0);
  EXPECT_EQ(j0.item<double>(), 6.0);
}

TEST(Functional, HessianOfSeveralInputs) {
  // f(a, b) = sum(a * a * b): H_aa = diag(2b), H_ab = H_ba = diag(2a), H_bb = 0.
  const auto f = [](const variable_list& in) { return sum_of_elements(in[0] * in[0] * in[1]); };
  const std::vector<variable_list> h = F::hessian(f, {kA, kB});
  ASSERT_EQ(h.size(), 2u);
  ASSERT_EQ(h[0].size(), 2u);
  expect_close(h[0][0], diag(values({3, 1.5, -1})));
  expect_close(h[0][1], diag(values({1, -2.5, 4})));
  expect_close(h[1][0], diag(values({1, -2.5, 4})));
  expect_close(h[1][1], ember::zeros({3, 3}, ember::kDouble));
}

TEST(Functional, VjpMatchesPyTorch) {
  const auto g = [](const variable_list& in) { return in[0] * in[1] + in[0] / in[1] - in[1]; };
  const auto [out, vjp] = F::vjp(g, {kA, kB}, values({1, 2, 3}));
  expect_close(out, values({-0.41666666666666674, -3.354166666666667, -4.5}));
  ASSERT_EQ(vjp.size(), 2u);
  expect_close(vjp[0], values({2.1666666666666665, 4.166666666666666, -7.5}));
  expect_close(vjp[1], values({-0.7222222222222223, -0.05555555555555536, -21.0}));
  EXPECT_FALSE(out.requires_grad());
  EXPECT_FALSE(vjp[0].requires_grad());

  // One input, one-element output: v may be omitted.
  const auto [o1, v1] = F::vjp([](const Tensor& t) { return t * t; }, values({3}));
  expect_close(o1, values({9}));
  expect_close(v1, values({6}));
}

TEST(Functional, JvpByTheDoubleBackwardTrickMatchesPyTorch) {
  const auto g = [](const variable_list& in) { return in[0] * in[1] + in[0] / in[1] - in[1]; };
  const auto [out, jvp] = F::jvp(g, {kA, kB}, {values({1, 2, 3}), values({-1, 0.5, 2})});
  expect_close(out, values({-0.41666666666666674, -3.354166666666667, -4.5}));
  expect_close(jvp, values({2.888888888888889, 4.152777777777778, -21.5}));
  EXPECT_FALSE(jvp.requires_grad());

  const auto [o1, j1] = F::jvp([](const Tensor& t) { return t * t * t; }, values({2}));
  expect_close(o1, values({8}));
  expect_close(j1, values({12}));
}

TEST(Functional, JvpOfAPolynomialOfTwoInputs) {
  // g(a, b) = a b^2 - a: J v = (b^2 - 1) va + 2 a b vb.
  const auto g = [](const variable_list& in) { return in[0] * in[1] * in[1] - in[0]; };
  const Tensor va = values({1, 2, 3});
  const Tensor vb = values({-1, 0.5, 2});
  const auto [out, jvp] = F::jvp(g, {kA, kB}, {va, vb});
  expect_close(out, kA * kB * kB - kA);
  expect_close(jvp, (kB * kB - 1) * va + kA * kB * vb * 2);
}

TEST(Functional, InputsKeepTheirStateAndResultsHaveNoHistory) {
  Tensor x = values({1, 2}).requires_grad_();
  const Tensor j = F::jacobian([](const Tensor& t) { return t * t; }, x);
  expect_close(j, diag(values({2, 4})));
  EXPECT_FALSE(j.requires_grad());
  EXPECT_FALSE(x.grad().defined());
  EXPECT_TRUE(x.is_leaf());
  Tensor plain = values({1, 2});
  (void)F::vjp([](const Tensor& t) { return t * 2; }, plain, values({1, 1}));
  EXPECT_FALSE(plain.requires_grad());
}

TEST(Functional, CreateGraphGivesDifferentiableResults) {
  Tensor x = values({1, 2}).requires_grad_();
  const auto [out, vjp] = F::vjp([](const Tensor& t) { return t * t * t; }, x, values({1, 1}),
                                 /*create_graph=*/true);
  ASSERT_TRUE(vjp.requires_grad());
  // d/dx of 3x^2 . 1 = 6x.
  const variable_list g = ember::autograd::grad({vjp}, {x}, {values({1, 1})});
  expect_close(g[0], values({6, 12}));
}

TEST(Functional, CreateGraphJacobianIsDifferentiable) {
  Tensor x = values({1, 2}).requires_grad_();
  const Tensor j = F::jacobian([](const Tensor& t) { return t * t * t; }, x, /*create_graph=*/true);
  ASSERT_TRUE(j.requires_grad());
  const variable_list g = ember::autograd::grad({j}, {x}, {ember::eye(2, ember::kDouble)});
  expect_close(g[0], values({6, 12}));
}

TEST(Functional, UnusedInputsGiveZerosOrStrictErrors) {
  const auto f = [](const variable_list& in) { return in[0] * 2; };
  const variable_list j = F::jacobian(f, {kA, kB});
  expect_close(j[1], ember::zeros({3, 3}, ember::kDouble));
  EXPECT_EQ(error_of([&] {
              F::jacobian(f, {kA, kB}, false, /*strict=*/true);
            }),
            "Output 0 of the user-provided function is independent of input 1. This is not "
            "allowed in strict mode.");
  EXPECT_EQ(error_of([&] {
              F::vjp(f, {kA, kB}, values({1, 1, 1}), false, true);
            }),
            "The output of the user-provided function is independent of input 1. This is not "
            "allowed in strict mode.");
  const auto constant = [](const Tensor&) { return values({1}); };
  EXPECT_EQ(error_of([&] { F::jacobian(constant, kA, false, true); }),
            "Output 0 of the user-provided function does not require gradients. The outputs "
            "must be computed in a differentiable manner from the input when running in strict "
            "mode.");
  expect_close(F::jacobian(constant, kA), ember::zeros({1, 3}, ember::kDouble));
}

TEST(Functional, ArgumentErrorsAreThePyTorchOnes) {
  const auto square = [](const Tensor& t) { return t * t; };
  EXPECT_EQ(error_of([&] { F::vjp(square, kA); }),
            "The vector v can only be None if the user-provided function returns a single "
            "Tensor with a single element.");
  EXPECT_EQ(error_of([&] {
              F::vjp(square, kA, values({1, 2}));
            }),
            "v has invalid size: should be [3] but got [2].");
  EXPECT_EQ(error_of([&] { F::jvp(square, kA); }),
            "The vector v can only be None if the input to the user-provided function is a "
            "single Tensor with a single element.");
  const auto g = [](const variable_list& in) { return in[0] * in[1]; };
  EXPECT_EQ(error_of([&] {
              F::jvp(g, {kA, kB}, {values({1, 2, 3})});
            }),
            "v is a tuple of invalid length: should be 2 but got 1.");
  EXPECT_EQ(error_of([&] {
              F::jvp(g, {kA, kB}, {kA, values({1})});
            }),
            "Entry 1 in v has invalid size: should be [3] but got [1].");
  EXPECT_EQ(error_of([&] { F::hessian(square, kA); }),
            "The Tensor returned by the function given to hessian should contain a single "
            "element");
}

}  // namespace
