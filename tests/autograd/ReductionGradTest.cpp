// Gradients of the reductions (sum, mean, prod, max, min, var, std, norm, logsumexp, cumsum):
// finite-difference checks of first and second order on float64 inputs of several layouts,
// gradient values against PyTorch's (torch 2.x, as literals), node names and errors.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "autograd/Formula.h"
#include "autograd/GradTestUtils.h"
#include "autograd/cases/OpCase.h"
#include "ember/autograd/GradCheck.h"
#include "ember/ember.h"

namespace {

using ember::IntArrayRef;
using ember::kDouble;
using ember::Tensor;
using ember::autograd::gradcheck;
using ember::autograd::gradgradcheck;
using ember::autograd::variable_list;
using ember_test::backward_weighted;
using ember_test::expect_values;
using ember_test::leaf;
using ember_test::random_leaf;
using ember_test::transposed_leaf;

// The gradient of (f(x) * w).sum() at x = `values` in `shape`.
Tensor weighted_grad(const std::function<Tensor(const Tensor&)>& f,
                     const std::vector<double>& values, IntArrayRef shape) {
  Tensor x = leaf(values, shape);
  backward_weighted(f(x));
  return x.grad();
}

using Fn = std::function<Tensor(const Tensor&)>;

// First- and (when `second`) second-order checks of `f` at each of `inputs`.
void check_unary(const Fn& f, const std::vector<Tensor>& inputs, bool second) {
  const auto fn = [&](const variable_list& in) { return variable_list{f(in[0])}; };
  for (const Tensor& x : inputs) {
    SCOPED_TRACE(::testing::Message() << "input sizes " << x.sizes());
    try {
      EXPECT_TRUE(gradcheck(fn, {x}));
      if (second) {
        EXPECT_TRUE(gradgradcheck(fn, {x}));
      }
    } catch (const ember::Error& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

// Inputs of every layout the reductions meet: contiguous, transposed, size-1 dims.
std::vector<Tensor> layouts() {
  ember::manual_seed(7);
  return {random_leaf({3, 4}), transposed_leaf(3, 4), random_leaf({1, 4}), random_leaf({3, 1}),
          random_leaf({2, 1, 3})};
}

// The reductions with dims, each on every layout (dims valid for 2-d and 3-d).
std::vector<std::pair<const char*, Fn>> dim_reductions() {
  return {
      {"sum", [](const Tensor& x) { return x.sum(); }},
      {"sum(dim)", [](const Tensor& x) { return x.sum({1}); }},
      {"sum(dims, keepdim)",
       [](const Tensor& x) {
         return x.sum({0, -1}, true);
       }},
      {"mean", [](const Tensor& x) { return x.mean(); }},
      {"mean(dim)", [](const Tensor& x) { return x.mean({0}); }},
      {"mean(dims, keepdim)",
       [](const Tensor& x) {
         return x.mean({-1, 0}, true);
       }},
      {"prod", [](const Tensor& x) { return x.prod(); }},
      {"prod(dim)", [](const Tensor& x) { return x.prod(1); }},
      {"prod(dim, keepdim)", [](const Tensor& x) { return x.prod(0, true); }},
      {"max", [](const Tensor& x) { return x.max(); }},
      {"min", [](const Tensor& x) { return x.min(); }},
      {"max(dim)", [](const Tensor& x) { return std::get<0>(x.max(1)); }},
      {"min(dim, keepdim)", [](const Tensor& x) { return std::get<0>(x.min(0, true)); }},
      {"var", [](const Tensor& x) { return x.var(); }},
      {"var(dim, biased)", [](const Tensor& x) { return x.var({1}, false); }},
      {"std", [](const Tensor& x) { return x.std(); }},
      {"std(dims, keepdim)",
       [](const Tensor& x) {
         return x.std({0, 1}, true, true);
       }},
      {"norm", [](const Tensor& x) { return x.norm(); }},
      {"norm(1)", [](const Tensor& x) { return x.norm(1); }},
      {"norm(3, dim)", [](const Tensor& x) { return x.norm(3, {1}); }},
      {"norm(inf, dim, keepdim)", [](const Tensor& x) { return x.norm(INFINITY, {0}, true); }},
      {"norm(-inf)", [](const Tensor& x) { return x.norm(-INFINITY); }},
      {"norm(0.5)", [](const Tensor& x) { return x.norm(0.5); }},
      {"norm(1.5, dim)", [](const Tensor& x) { return x.norm(1.5, {0}); }},
      {"logsumexp(dim)", [](const Tensor& x) { return x.logsumexp({1}); }},
      {"logsumexp(dims, keepdim)",
       [](const Tensor& x) {
         return x.logsumexp({0, 1}, true);
       }},
      {"cumsum", [](const Tensor& x) { return x.cumsum(1); }},
      {"cumsum(dtype)", [](const Tensor& x) { return x.cumsum(0, ember::kDouble); }},
  };
}

TEST(ReductionGrad, FirstOrderOnEveryLayout) {
  for (const auto& [name, f] : dim_reductions()) {
    SCOPED_TRACE(name);
    check_unary(f, layouts(), false);
  }
}

TEST(ReductionGrad, SecondOrderOnEveryLayout) {
  for (const auto& [name, f] : dim_reductions()) {
    SCOPED_TRACE(name);
    check_unary(f, layouts(), true);
  }
}

// The one-dim overloads of var and std (unbiased: the dim must have more than one element).
TEST(ReductionGrad, VarStdIntDim) {
  ember::manual_seed(9);
  const std::vector<Tensor> inputs = {random_leaf({3, 4}), transposed_leaf(3, 4)};
  check_unary([](const Tensor& x) { return x.var(0); }, inputs, true);
  check_unary([](const Tensor& x) { return x.std(-1); }, inputs, true);
}

// A requested dtype converts the input first; the gradient comes back in the input's dtype.
TEST(ReductionGrad, DtypeArgumentGradientHasTheInputDtype) {
  Tensor x = ember::randn({2, 3}, ember::kFloat).requires_grad_();
  const Tensor y = x.sum(kDouble);
  EXPECT_EQ(y.dtype(), kDouble);
  EXPECT_EQ(y.grad_fn()->name(), std::string("SumBackward0"));
  y.backward();
  EXPECT_EQ(x.grad().dtype(), ember::kFloat);
  expect_values(x.grad(), {1, 1, 1, 1, 1, 1});
  Tensor z = ember::randn({3}, ember::kFloat).requires_grad_();
  z.cumsum(0, kDouble).sum().backward();
  EXPECT_EQ(z.grad().dtype(), ember::kFloat);
  expect_values(z.grad(), {3, 2, 1});
}

TEST(ReductionGrad, ZeroDimAndEmptyInputs) {
  ember::manual_seed(3);
  const Tensor scalar = random_leaf({});
  const Tensor empty = random_leaf({0, 3});
  const std::vector<Fn> on_scalar = {
      [](const Tensor& x) { return x.sum(); },
      [](const Tensor& x) { return x.sum({0}, true); },
      [](const Tensor& x) { return x.mean({-1}); },
      [](const Tensor& x) { return x.prod(); },
      [](const Tensor& x) { return x.prod(0); },
      [](const Tensor& x) { return x.max(); },
      [](const Tensor& x) { return std::get<0>(x.min(0)); },
      [](const Tensor& x) { return x.var(false); },
      [](const Tensor& x) { return x.norm(3); },
      [](const Tensor& x) { return x.logsumexp({0}); },
      [](const Tensor& x) { return x.cumsum(0); },
  };
  for (const Fn& f : on_scalar) check_unary(f, {scalar}, true);
  const std::vector<Fn> on_empty = {
      [](const Tensor& x) { return x.sum(); },
      [](const Tensor& x) { return x.sum({0}); },
      [](const Tensor& x) { return x.mean({1}); },
      [](const Tensor& x) { return x.prod(0); },
      [](const Tensor& x) { return x.prod(); },
      [](const Tensor& x) { return std::get<0>(x.max(1)); },
      [](const Tensor& x) { return x.var({1}); },
      [](const Tensor& x) { return x.norm(); },
      [](const Tensor& x) { return x.logsumexp({1}); },
      [](const Tensor& x) { return x.cumsum(0); },
  };
  for (const Fn& f : on_empty) {
    const Tensor y = f(empty);
    EXPECT_TRUE(y.requires_grad());
    Tensor g = ember::autograd::grad({y.sum()}, {empty})[0];
    EXPECT_EQ(g.sizes(), empty.sizes());
  }
}

// The family's cases of the table-driven test: gradcheck and gradgradcheck on random inputs.

// Every reduction has its formula and a case in the table-driven test.
TEST(ReductionGrad, EveryOpHasAFormulaAndACase) {
  using ember::detail::GradOp;
  const std::vector<ember_test::OpCase> cases = ember_test::reduction_cases();
  for (GradOp op :
       {GradOp::sum, GradOp::sum_dim, GradOp::mean, GradOp::mean_dim, GradOp::prod,
        GradOp::prod_dim, GradOp::max_all, GradOp::min_all, GradOp::max_dim, GradOp::min_dim,
        GradOp::var, GradOp::std, GradOp::norm, GradOp::logsumexp, GradOp::cumsum}) {
    SCOPED_TRACE(std::string(ember::detail::grad_op_name(op)));
    EXPECT_NO_THROW(ember::autograd::formula_for(op));
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(),
                            [op](const ember_test::OpCase& c) { return c.op == op; }));
  }
}

TEST(ReductionGrad, NodeNamesAsPyTorch) {
  const Tensor x = random_leaf({2, 3});
  const auto name = [](const Tensor& y) { return std::string(y.grad_fn()->name()); };
  EXPECT_EQ(name(x.sum()), "SumBackward0");
  EXPECT_EQ(name(x.sum(ember::kFloat)), "SumBackward0");
  EXPECT_EQ(name(x.sum({1})), "SumBackward1");
  EXPECT_EQ(name(x.mean()), "MeanBackward0");
  EXPECT_EQ(name(x.mean({0}, true)), "MeanBackward1");
  EXPECT_EQ(name(x.prod()), "ProdBackward0");
  EXPECT_EQ(name(x.prod(1)), "ProdBackward1");
  EXPECT_EQ(name(x.max()), "MaxBackward1");
  EXPECT_EQ(name(x.min()), "MinBackward1");
  EXPECT_EQ(name(std::get<0>(x.max(0))), "MaxBackward0");
  EXPECT_EQ(name(std::get<0>(x.min(1, true))), "MinBackward0");
  EXPECT_EQ(name(x.var()), "VarBackward0");
  EXPECT_EQ(name(x.var(1)), "VarBackward0");
  EXPECT_EQ(name(x.std({0}, false, true)), "StdBackward0");
  // PyTorch 1.x's name (2.x routes norm through linalg_vector_norm).
  EXPECT_EQ(name(x.norm()), "NormBackward1");
  EXPECT_EQ(name(x.norm(1, {1})), "NormBackward1");
  EXPECT_EQ(name(x.logsumexp({1})), "LogsumexpBackward0");
  EXPECT_EQ(name(x.cumsum(0)), "CumsumBackward0");
}

TEST(ReductionGrad, IndicesAndIntegerResultsHaveNoHistory) {
  const Tensor x = random_leaf({2, 3});
  const auto [values, indices] = x.max(1);
  EXPECT_TRUE(values.requires_grad());
  EXPECT_FALSE(indices.requires_grad());
  EXPECT_FALSE(indices.grad_fn());
  const Tensor as_long = x.sum(ember::kLong);
  EXPECT_FALSE(as_long.requires_grad());
  EXPECT_FALSE(x.cumsum(1, ember::kLong).requires_grad());
}

TEST(ReductionGrad, GradientsMatchPyTorch) {
  const std::vector<double> x = {1, -2, 3, 0.5, 4, -1.5};
  expect_values(weighted_grad([](const Tensor& t) { return t.sum({1}); }, x, {2, 3}),
                {0.5, 0.5, 0.5, 1, 1, 1});
  expect_values(weighted_grad([](const Tensor& t) { return t.sum({0}, true); }, x, {2, 3}),
                {0.5, 1, 1.5, 0.5, 1, 1.5});
  expect_values(weighted_grad(
                    [](const Tensor& t) {
                      return t.mean({0, 1});
                    },
                    x, {2, 3}),
                {1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12});
  expect_values(weighted_grad([](const Tensor& t) { return t.mean({1}, true); }, x, {2, 3}),
                {1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 3});
  expect_values(weighted_grad([](const Tensor& t) { return t.prod(); }, x, {2, 3}),
                {9, -4.5, 3, 18, 2.25, -6});
  expect_values(weighted_grad([](const Tensor& t) { return t.max(); }, {1, 3, 3, 2}, {4}),
                {0, 0.25, 0.25, 0});
  expect_values(weighted_grad([](const Tensor& t) { return t.min(); }, {1, -3, -3, -3}, {2, 2}),
                {0, 1.0 / 6, 1.0 / 6, 1.0 / 6});
  expect_values(weighted_grad([](const Tensor& t) { return std::get<0>(t.max(1)); },
                              {1, 3, 3, 5, 2, 5}, {2, 3}),
                {0, 0.5, 0, 1, 0, 0});
  expect_values(weighted_grad([](const Tensor& t) { return std::get<0>(t.min(0, true)); },
                              {1, 3, 3, 5, 2, 5}, {2, 3}),
                {0.5, 0, 1.5, 0, 1, 0});
  expect_values(weighted_grad([](const Tensor& t) { return t.var(); }, x, {2, 3}),
                {0.033333333333333326, -0.5666666666666668, 0.43333333333333335,
                 -0.06666666666666668, 0.6333333333333333, -0.46666666666666673});
  expect_values(weighted_grad([](const Tensor& t) { return t.var({1}, false); }, x, {2, 3}),
                {0.11111111111111112, -0.8888888888888888, 0.7777777777777778, -0.3333333333333333,
                 2.0, -1.6666666666666665});
  expect_values(weighted_grad([](const Tensor& t) { return t.std(); }, x, {2, 3}),
                {0.007001400420140047, -0.11902380714238084, 0.09101820546182063,
                 -0.0140028008402801, 0.13302660798266092, -0.0980196058819607});
  expect_values(weighted_grad([](const Tensor& t) { return t.std({0}, true, true); }, x, {2, 3}),
                {0.35355339059327373, -0.7071067811865476, 1.0606601717798212, -0.35355339059327373,
                 0.7071067811865476, -1.0606601717798212});
  expect_values(weighted_grad([](const Tensor& t) { return t.norm(); }, x, {2, 3}),
                {0.08770580193070293, -0.17541160386140586, 0.2631174057921088,
                 0.043852900965351466, 0.3508232077228117, -0.1315587028960544});
  expect_values(weighted_grad([](const Tensor& t) { return t.norm(); }, {0, 0, 0}, {3}), {0, 0, 0});
  expect_values(weighted_grad([](const Tensor& t) { return t.norm(1); }, x, {2, 3}),
                {0.5, -0.5, 0.5, 0.5, 0.5, -0.5});
  expect_values(
      weighted_grad([](const Tensor& t) { return t.norm(INFINITY); }, {1, -3, 3, 2}, {2, 2}),
      {0, -0.25, 0.25, 0});
  expect_values(weighted_grad([](const Tensor& t) { return t.norm(3, {1}); }, x, {2, 3}),
                {0.04586010067909205, -0.1834404027163682, 0.41274090611182845,
                 0.015080097869971705, 0.9651262636781891, -0.13572088082974534});
  expect_values(weighted_grad([](const Tensor& t) { return t.norm(0.5); }, x, {2, 3}),
                {4.039058011260055, -2.8560453093678353, 2.3319512300735075, 5.712090618735671,
                 2.0195290056300275, -3.297877056362576});
  expect_values(weighted_grad([](const Tensor& t) { return t.norm(1.5, {0}, true); }, x, {2, 3}),
                {0.4520067017265607, -0.6392340078652327, 1.3560201051796823, 0.3196170039326162,
                 0.9040134034531216, -0.9588510117978487});
  expect_values(weighted_grad([](const Tensor& t) { return t.logsumexp({1}); }, x, {2, 3}),
                {0.05924982726750479, 0.0029498752009513903, 0.4378002975315438,
                 0.029196409207664167, 0.9668522864827247, 0.003951304309611277});
  expect_values(weighted_grad(
                    [](const Tensor& t) {
                      return t.logsumexp({0, 1}, true);
                    },
                    x, {2, 3}),
                {0.017115670172928085, 0.0008521390410613802, 0.12646864707855968,
                 0.010381178721409914, 0.3437774252234489, 0.0014049397625919076});
  expect_values(weighted_grad([](const Tensor& t) { return t.cumsum(1); }, x, {2, 3}),
                {3, 2.5, 1.5, 7.5, 5.5, 3});
  expect_values(weighted_grad([](const Tensor& t) { return t.cumsum(0); }, x, {2, 3}),
                {2.5, 3.5, 4.5, 2, 2.5, 3});
}

TEST(ReductionGrad, ProdWithZerosIsExact) {
  const auto prod_all = [](const Tensor& t) { return t.prod(); };
  expect_values(weighted_grad(prod_all, {2, 0, 3, 4, 5, 0.5}, {2, 3}), {0, 30, 0, 0, 0, 0});
  expect_values(weighted_grad(prod_all, {2, 0, 3, 0, 5, 0.5}, {2, 3}), {0, 0, 0, 0, 0, 0});
  expect_values(
      weighted_grad([](const Tensor& t) { return t.prod(1); }, {2, 0, 3, 0, 5, 0}, {2, 3}),
      {0, 3, 0, 0, 0, 0});
  expect_values(
      weighted_grad([](const Tensor& t) { return t.prod(0, true); }, {2, 0, 3, 4, 5, 0.5}, {2, 3}),
      {2, 5, 0.75, 1, 0, 4.5});
}

TEST(ReductionGrad, ProdWithZerosSecondOrderMatchesPyTorch) {
  Tensor x = leaf({2, 0, 3}, {3});
  Tensor g = ember::autograd::grad({x.prod()}, {x}, {}, std::nullopt, true)[0];
  expect_values(g, {0, 6, 0});
  g.sum().backward();
  expect_values(x.grad(), {3, 5, 2});

  Tensor m = leaf({2, 0, 3, 0, 5, 1}, {2, 3});
  Tensor gm = ember::autograd::grad({m.prod(1).sum()}, {m}, {}, std::nullopt, true)[0];
  expect_values(gm, {0, 6, 0, 5, 0, 0});
  (gm * ember::arange(1, 7, kDouble).reshape({2, 3})).sum().backward();
  expect_values(m.grad(), {6, 9, 4, 35, 4, 20});
  // Two zeros in a slice: the gradient is 0, its derivative is not.
  Tensor two = leaf({0, 0, 3}, {3});
  Tensor g2 = ember::autograd::grad({two.prod()}, {two}, {}, std::nullopt, true)[0];
  expect_values(g2, {0, 0, 0});
  (g2 * ember::arange(1, 4, kDouble)).sum().backward();
  expect_values(two.grad(), {6, 3, 0});
  Tensor rows = leaf({0, 2, 0, 3, 1, 0, 4, 2}, {2, 4});
  Tensor gr = ember::autograd::grad({rows.prod(1).sum()}, {rows}, {}, std::nullopt, true)[0];
  expect_values(gr, {0, 0, 0, 0, 0, 8, 0, 0});
  (gr * ember::arange(1, 9, kDouble).reshape({2, 4})).sum().backward();
  expect_values(rows.grad(), {18, 0, 6, 0, 48, 86, 12, 24});
  // gradcheck at inputs with zeros, one and two per slice.
  check_unary([](const Tensor& t) { return t.prod(1); }, {leaf({2, 0, 3, 0, 5, 0}, {2, 3})}, true);
  check_unary([](const Tensor& t) { return t.prod(); }, {leaf({2, 0, 3, 1.5}, {2, 2})}, true);
}

TEST(ReductionGrad, NormZeroHasNoGradient) {
  Tensor x = leaf({1, 0, -2}, {3});
  x.norm(0).backward();
  EXPECT_FALSE(x.grad().defined());
}

TEST(ReductionGrad, ErrorsAsWithoutAutograd) {
  const Tensor empty = random_leaf({0});
  EXPECT_THROW(empty.max(), ember::Error);
  EXPECT_THROW(random_leaf({2, 0}).min(1), ember::Error);
  EXPECT_THROW(random_leaf({2}).mean(ember::kLong), ember::Error);
  EXPECT_THROW(random_leaf({2, 3}).sum({2}), ember::Error);
  EXPECT_THROW(random_leaf({2, 3}).var({0, 0}), ember::Error);
  EXPECT_THROW(random_leaf({2}).cumsum(1), ember::Error);
}

}  // namespace
