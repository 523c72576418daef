// Gradients of the matrix products (mm, mv, bmm, dot, addmm) and of the composites matmul and
// outer: finite-difference checks of first and second order on float64 inputs of several
// layouts, gradient values against PyTorch's (torch 2.x, as literals), the nodes of each
// matmul form, and errors.

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

using Fn2 = std::function<Tensor(const Tensor&, const Tensor&)>;

void check_binary(const Fn2& f, const Tensor& a, const Tensor& b, bool second) {
  SCOPED_TRACE(::testing::Message() << "sizes " << a.sizes() << " and " << b.sizes());
  const auto fn = [&](const variable_list& in) { return variable_list{f(in[0], in[1])}; };
  EXPECT_TRUE(gradcheck(fn, {a, b}));
  if (second) {
    EXPECT_TRUE(gradgradcheck(fn, {a, b}));
  }
}

std::string node(const Tensor& y) { return std::string(y.grad_fn()->name()); }

// The products without views in their forward: first order needs nothing else recorded.
void check_direct_products(bool second) {
  ember::manual_seed(11);
  const Fn2 mm = [](const Tensor& a, const Tensor& b) { return a.mm(b); };
  check_binary(mm, random_leaf({3, 4}), random_leaf({4, 2}), second);
  check_binary(mm, transposed_leaf(3, 4), transposed_leaf(4, 2), second);
  check_binary(mm, random_leaf({1, 4}), random_leaf({4, 1}), second);
  check_binary(mm, random_leaf({3, 0}), random_leaf({0, 2}), second);
  const Fn2 mv = [](const Tensor& a, const Tensor& v) { return a.mv(v); };
  check_binary(mv, random_leaf({3, 4}), random_leaf({4}), second);
  check_binary(mv, transposed_leaf(3, 4), random_leaf({4}), second);
  check_binary(mv, random_leaf({1, 1}), random_leaf({1}), second);
  const Fn2 bmm = [](const Tensor& a, const Tensor& b) { return a.bmm(b); };
  check_binary(bmm, random_leaf({2, 3, 4}), random_leaf({2, 4, 2}), second);
  check_binary(bmm, ember::randn({2, 4, 3}, kDouble).transpose(1, 2).requires_grad_(),
               random_leaf({2, 4, 1}), second);
  const Fn2 dot = [](const Tensor& a, const Tensor& b) { return a.dot(b); };
  check_binary(dot, random_leaf({5}), random_leaf({5}), second);
  check_binary(dot, random_leaf({0}), random_leaf({0}), second);
  for (const auto& [beta, alpha] : {std::pair{1.0, 1.0}, {0.5, 2.0}, {0.0, -1.0}}) {
    SCOPED_TRACE(::testing::Message() << "beta " << beta << " alpha " << alpha);
    const auto fn = [beta = beta, alpha = alpha](const variable_list& in) {
      return variable_list{ember::addmm(in[0], in[1], in[2], beta, alpha)};
    };
    for (const Tensor& self : {random_leaf({3, 2}), random_leaf({2}), random_leaf({1, 1})}) {
      const variable_list in{self, random_leaf({3, 4}), transposed_leaf(4, 2)};
      EXPECT_TRUE(gradcheck(fn, in));
      if (second) {
        EXPECT_TRUE(gradgradcheck(fn, in));
      }
    }
  }
}

TEST(LinearAlgebraGrad, ProductsFirstOrder) { check_direct_products(false); }

TEST(LinearAlgebraGrad, ProductsSecondOrder) { check_direct_products(true); }

// Every matmul form: 1-d and 2-d operands, folded batches, broadcast batches.
void check_matmul_forms(bool second) {
  ember::manual_seed(5);
  const Fn2 matmul = [](const Tensor& a, const Tensor& b) { return a.matmul(b); };
  const std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>> shapes = {
      {{3}, {3}},
      {{2, 3}, {3}},
      {{3}, {3, 4}},
      {{2, 3}, {3, 4}},
      {{5, 2, 3}, {3}},
      {{5, 2, 3}, {3, 4}},
      {{3}, {5, 3, 4}},
      {{2, 3}, {5, 3, 4}},
      {{5, 2, 3}, {5, 3, 4}},
      {{1, 2, 3}, {5, 3, 4}},
      {{2, 1, 2, 3}, {5, 3, 4}},
      {{2, 5, 2, 3}, {3, 4}},
      {{4}, {2, 4, 3}},
      {{5, 3, 4}, {4}}};
  for (const auto& [sa, sb] : shapes) {
    check_binary(matmul, random_leaf(sa), random_leaf(sb), second);
    // Only one side requiring grad takes another path (no folding of a constant operand).
    const Tensor a = random_leaf(sa);
    const Tensor b = ember::randn(sb, kDouble);
    const auto fn = [&](const variable_list& in) { return variable_list{in[0].matmul(b)}; };
    EXPECT_TRUE(gradcheck(fn, {a}));
  }
  // Non-contiguous operands: a transposed matrix against a batch of transposed ones.
  check_binary(matmul, transposed_leaf(3, 4),
               ember::randn({2, 3, 4}, kDouble).transpose(1, 2).requires_grad_(), second);
  const Fn2 outer = [](const Tensor& a, const Tensor& b) { return a.outer(b); };
  check_binary(outer, random_leaf({3}), random_leaf({2}), second);
}

TEST(LinearAlgebraGrad, MatmulFormsFirstOrder) { check_matmul_forms(false); }

TEST(LinearAlgebraGrad, MatmulFormsSecondOrder) { check_matmul_forms(true); }

// The family's cases of the table-driven test: gradcheck and gradgradcheck on random inputs.

// Every product has its formula and a case in the table-driven test.
TEST(LinearAlgebraGrad, EveryOpHasAFormulaAndACase) {
  using ember::detail::GradOp;
  const std::vector<ember_test::OpCase> cases = ember_test::linear_algebra_cases();
  for (GradOp op : {GradOp::mm, GradOp::mv, GradOp::bmm, GradOp::dot, GradOp::addmm}) {
    SCOPED_TRACE(std::string(ember::detail::grad_op_name(op)));
    EXPECT_NO_THROW(ember::autograd::formula_for(op));
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(),
                            [op](const ember_test::OpCase& c) { return c.op == op; }));
  }
}

TEST(LinearAlgebraGrad, NodeNamesAsPyTorch) {
  const Tensor m = random_leaf({2, 3});
  EXPECT_EQ(node(m.mm(random_leaf({3, 4}))), "MmBackward0");
  EXPECT_EQ(node(m.mv(random_leaf({3}))), "MvBackward0");
  EXPECT_EQ(node(random_leaf({3}).dot(random_leaf({3}))), "DotBackward0");
  EXPECT_EQ(node(random_leaf({2, 2, 3}).bmm(random_leaf({2, 3, 1}))), "BmmBackward0");
  EXPECT_EQ(node(ember::addmm(random_leaf({4}), m, random_leaf({3, 4}), 0.5, 2)), "AddmmBackward0");
  // matmul's forms, as torch.matmul names their nodes.
  EXPECT_EQ(node(random_leaf({3}).matmul(random_leaf({3}))), "DotBackward0");
  EXPECT_EQ(node(m.matmul(random_leaf({3}))), "MvBackward0");
  EXPECT_EQ(node(m.matmul(random_leaf({3, 4}))), "MmBackward0");
}

TEST(LinearAlgebraGrad, BatchedMatmulNodeNamesAsPyTorch) {
  const auto chain = [](const Tensor& y, size_t depth) {
    std::vector<std::string> names;
    std::shared_ptr<ember::autograd::Node> fn = y.grad_fn();
    while (fn && names.size() < depth) {
      names.emplace_back(fn->name());
      std::shared_ptr<ember::autograd::Node> next;
      for (const auto& edge : fn->next_edges()) {
        if (edge.function && edge.function->name() != "torch::autograd::AccumulateGrad") {
          next = edge.function;
          break;
        }
      }
      fn = next;
    }
    return names;
  };
  using Names = std::vector<std::string>;
  // [3] @ [3, 4]: PyTorch squeezes in place (SqueezeBackward4); the out-of-place squeeze here.
  EXPECT_EQ(chain(random_leaf({3}).matmul(random_leaf({3, 4})), 2),
            (Names{"SqueezeBackward1", "MmBackward0"}));
  EXPECT_EQ(chain(random_leaf({5, 2, 3}).matmul(random_leaf({3, 4})), 3),
            (Names{"UnsafeViewBackward0", "MmBackward0", "ViewBackward0"}));
  EXPECT_EQ(chain(random_leaf({5, 2, 3}).matmul(random_leaf({3})), 2),
            (Names{"UnsafeViewBackward0", "MvBackward0"}));
  EXPECT_EQ(chain(random_leaf({5, 2, 3}).matmul(random_leaf({5, 3, 4})), 4),
            (Names{"UnsafeViewBackward0", "BmmBackward0", "ViewBackward0", "ExpandBackward0"}));
  EXPECT_EQ(chain(random_leaf({2, 3}).matmul(random_leaf({5, 3, 4})), 3),
            (Names{"CloneBackward0", "TransposeBackward0", "UnsafeViewBackward0"}));
  EXPECT_EQ(node(random_leaf({3}).outer(random_leaf({2}))), "MulBackward0");
}

TEST(LinearAlgebraGrad, GradientsMatchPyTorch) {
  const std::vector<double> a_values = {1, 2, -1, 0.5, -3, 2};
  const std::vector<double> b_values = {2, -1, 1, 0.5, -2, 3};
  {
    Tensor a = leaf(a_values, {2, 3}), b = leaf(b_values, {3, 2});
    backward_weighted(a.mm(b));
    expect_values(a.grad(), {0, 1, 2, 1, 2.5, 3});
    expect_values(b.grad(), {1.25, 2, -3.5, -4, 2.5, 3});
  }
  {
    Tensor a = leaf(a_values, {2, 3}), v = leaf({1, -2, 0.5}, {3});
    backward_weighted(a.mv(v));
    expect_values(a.grad(), {0.5, -1, 0.25, 1, -2, 0.5});
    expect_values(v.grad(), {1, -2, 1.5});
  }
  {
    Tensor a = leaf({1, 2, 3}, {3}), b = leaf({-1, 0.5, 2}, {3});
    backward_weighted(a.dot(b));
    expect_values(a.grad(), {-0.5, 0.25, 1});
    expect_values(b.grad(), {0.5, 1, 1.5});
  }
  {
    Tensor s = leaf({1, -1}, {2}), a = leaf(a_values, {2, 3}), b = leaf(b_values, {3, 2});
    backward_weighted(ember::addmm(s, a, b, 0.5, 2));
    expect_values(s.grad(), {1, 1.5});
    expect_values(a.grad(), {0, 2, 4, 2, 5, 6});
    expect_values(b.grad(), {2.5, 4, -7, -8, 5, 6});
  }
  std::vector<double> a2 = a_values, b2 = b_values;
  a2.insert(a2.end(), {1, 0, 1, 2, 1, 0});
  b2.insert(b2.end(), {1, 1, 0, 2, 1, -1});
  {
    Tensor a = leaf(a2, {2, 2, 3}), b = leaf(b2, {2, 3, 2});
    backward_weighted(a.bmm(b));
    expect_values(a.grad(), {0, 1, 2, 1, 2.5, 3, 5.5, 6, -0.5, 7.5, 8, -0.5});
    expect_values(b.grad(), {1.25, 2, -3.5, -4, 2.5, 3, 9.5, 11, 3.5, 4, 2.5, 3});
  }
}

TEST(LinearAlgebraGrad, BroadcastMatmulGradientsMatchPyTorch) {
  Tensor a = leaf({1, 2, -1, 0.5, -3, 2, 1, 0, 1, 2, 1, 0}, {2, 1, 2, 3});
  Tensor b = leaf({2, -1, 1, 0.5, -2, 3, 1, 1, 0, 2, 1, -1}, {2, 3, 2});
  backward_weighted(a.matmul(b));
  expect_values(a.grad(), {5.5, 7, 1.5, 8.5, 10.5, 2.5, 17.5, 21, 5.5, 20.5, 24.5, 6.5});
  expect_values(b.grad(), {16.75, 19, 2, 2, 7, 8, 25.75, 28, 2, 2, 11, 12});
  Tensor v = leaf({1, 2, 3}, {3});
  Tensor m = leaf({2, -1, 1, 0.5, -2, 3}, {3, 2});
  backward_weighted(v.matmul(m));
  expect_values(v.grad(), {0, 1, 2});
  expect_values(m.grad(), {0.5, 1, 1, 2, 1.5, 3});
}

TEST(LinearAlgebraGrad, ErrorsAsWithoutAutograd) {
  const Tensor m = random_leaf({2, 3});
  EXPECT_THROW(m.mm(random_leaf({2, 3})), ember::Error);
  EXPECT_THROW(m.mv(random_leaf({2})), ember::Error);
  EXPECT_THROW(random_leaf({3}).dot(random_leaf({2})), ember::Error);
  EXPECT_THROW(random_leaf({2, 2, 3}).bmm(random_leaf({3, 3, 2})), ember::Error);
  EXPECT_THROW(m.matmul(random_leaf({2})), ember::Error);
  EXPECT_THROW(random_leaf({2, 2, 3}).matmul(random_leaf({3, 2, 2})), ember::Error);
  EXPECT_THROW(ember::addmm(random_leaf({2, 2}), m, random_leaf({3, 4})), ember::Error);
  EXPECT_THROW(m.mm(ember::randn({3, 2}, ember::kFloat)), ember::Error);
}

}  // namespace
