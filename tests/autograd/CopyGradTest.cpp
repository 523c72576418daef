// Gradients of copies, fills and joins: gradcheck / gradgradcheck of every case, node names
// as PyTorch's, gradients returned in the input's dtype, and values vs PyTorch.

#include <gtest/gtest.h>

#include <vector>

#include "autograd/GradTestUtils.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;
using ember_test::arange_leaf_3x4;
using ember_test::expect_values;
using ember_test::node_name;

TEST(CopyGrad, NodeNamesArePyTorchs) {
  const Tensor x = arange_leaf_3x4();
  EXPECT_EQ(node_name(x.to(ember::kFloat)), "ToCopyBackward0");
  EXPECT_EQ(node_name(x.to(ember::kDouble)), "(none)");  // the same tensor: no copy
  EXPECT_TRUE(x.to(ember::kDouble).is_same(x));
  EXPECT_EQ(node_name(x.cpu()), "(none)");
  EXPECT_EQ(node_name(x.clone()), "CloneBackward0");
  EXPECT_EQ(node_name(x.contiguous()), "(none)");
  EXPECT_EQ(node_name(x.t().contiguous()), "CloneBackward0");
  EXPECT_FALSE(x.to(ember::kLong).requires_grad());  // integers have no gradient
  Tensor y = x * 1.0;
  EXPECT_EQ(node_name(y.copy_(x)), "CopyBackwards");
  EXPECT_EQ(node_name(y.fill_(1)), "FillBackward2");
  EXPECT_EQ(node_name(y.fill_(ember::tensor(2.0, ember::kDouble))), "FillBackward3");
  EXPECT_EQ(node_name(y.zero_()), "ZeroBackward0");
  EXPECT_EQ(node_name(y.uniform_()), "UniformBackward0");
  EXPECT_EQ(node_name(y.normal_()), "NormalBackward0");
  EXPECT_EQ(node_name(ember::cat({x, x})), "CatBackward0");
  EXPECT_EQ(node_name(ember::stack({x, x})), "StackBackward0");
  // A fill of a tensor that does not require grad, by one that does, starts its history.
  Tensor plain = ember::zeros({2}, ember::kDouble);
  plain.fill_(x[0][1]);
  EXPECT_EQ(node_name(plain), "FillBackward3");
}

TEST(CopyGrad, ToGivesTheGradientInTheInputDtype) {
  // xf = tensor([1, 2, 3], float32); yd = xf.to(float64); (yd * yd).sum().backward()
  const Tensor xf = ember::tensor({1.0f, 2.0f, 3.0f}).requires_grad_();
  const Tensor yd = xf.to(ember::kDouble);
  EXPECT_EQ(yd.dtype(), ember::kDouble);
  (yd * yd).backward(ember::ones({3}, ember::kDouble));
  EXPECT_EQ(xf.grad().dtype(), ember::kFloat);
  expect_values(xf.grad(), {2, 4, 6});
}

TEST(CopyGrad, CopyIntoAViewGivesTheSourceTheWindowsGradient) {
  const Tensor x = arange_leaf_3x4();
  const Tensor src = ember::tensor({10.0f, 20.0f}).requires_grad_();  // float32 source
  Tensor y = x * 1.0;
  y.select(1, 1).slice(0, 1).copy_(src);
  y.backward(ember::arange(12, ember::kDouble).reshape({3, 4}));
  expect_values(x.grad(), {0, 1, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11});
  EXPECT_EQ(src.grad().dtype(), ember::kFloat);
  expect_values(src.grad(), {5, 9});
}

TEST(CopyGrad, FillsOfExpandedTensorsStillWork) {
  Tensor base = ember::zeros({3});
  Tensor expanded = base.expand({2, 3});
  expanded.fill_(4);
  expect_values(base, {4, 4, 4});
  expanded.zero_();
  expect_values(base, {0, 0, 0});
}

TEST(CopyGrad, CatSkipsLegacyEmptyInputsInTheGradient) {
  const Tensor a = ember::ones({2, 2}, ember::kDouble).requires_grad_();
  const Tensor empty = ember::zeros({0}, ember::kDouble).requires_grad_();
  const Tensor b = ember::ones({2, 1}, ember::kDouble).requires_grad_();
  const Tensor out = ember::cat({a, empty, b}, 1);
  out.backward(ember::arange(6, ember::kDouble).reshape({2, 3}));
  expect_values(a.grad(), {0, 1, 3, 4});
  expect_values(b.grad(), {2, 5});
  EXPECT_EQ(empty.grad().sizes(), ember::IntArrayRef({0}));
}

}  // namespace
