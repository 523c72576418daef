// Gradients of the indexing ops: gradcheck / gradgradcheck of every case, node names as
// PyTorch's, and values vs PyTorch (repeated indices add up).

#include <gtest/gtest.h>

#include <vector>

#include "autograd/GradTestUtils.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;
using ember_test::arange_leaf_3x4;
using ember_test::expect_values;
using ember_test::node_name;

Tensor longs(std::vector<int64_t> values) { return ember::tensor(values, ember::kLong); }

TEST(IndexingGrad, NodeNamesArePyTorchs) {
  const Tensor x = arange_leaf_3x4();
  EXPECT_EQ(node_name(x.index_select(0, longs({1}))), "IndexSelectBackward0");
  EXPECT_EQ(node_name(x.gather(0, longs({1}).view({1, 1}))), "GatherBackward0");
  EXPECT_EQ(node_name(x.scatter_add(0, longs({1}).view({1, 1}), x)), "ScatterAddBackward0");
  EXPECT_EQ(node_name(x[longs({1, 0})]), "IndexBackward0");
  EXPECT_FALSE(x[longs({1, 0})].is_view());
  // A 0-d integer index selects: a view, as in PyTorch.
  EXPECT_EQ(node_name(x[ember::tensor(int64_t{1})]), "SelectBackward0");
  EXPECT_TRUE(x[ember::tensor(int64_t{1})].is_view());
  Tensor y = x * 1.0;
  y.index_put_({longs({1})}, x[0]);
  EXPECT_EQ(node_name(y), "IndexPutBackward0");
  Tensor z = x * 1.0;
  z.scatter_add_(1, longs({0}).view({1, 1}), x);
  EXPECT_EQ(node_name(z), "ScatterAddBackward0");
}

TEST(IndexingGrad, RepeatedIndicesAddUpAsInPyTorch) {
  // a = x.index_select(0, [2, 0, 2]); g = x.gather(1, [[0, 3], [1, 1], [2, 0]]); b = x[[1, 1]]
  // (a * a).sum() + (g * 3).sum() + (b * x[0]).sum()
  const Tensor x = arange_leaf_3x4();
  const Tensor a = x.index_select(0, longs({2, 0, 2}));
  const Tensor g = x.gather(1, longs({0, 3, 1, 1, 2, 0}).view({3, 2}));
  const Tensor b = x[longs({1, 1})];
  (a * a).backward(ember::ones({3, 4}, ember::kDouble));
  (g * 3.0).backward(ember::ones({3, 2}, ember::kDouble));
  (b * x[0]).backward(ember::ones({2, 4}, ember::kDouble));
  expect_values(x.grad(), {11, 12, 16, 23, 0, 8, 4, 6, 35, 36, 43, 44});
}

TEST(IndexingGrad, IndexPutOverwritesAndGivesTheValueItsGradient) {
  // y = x * 1; y[[0, 2]] = x[1] * x[1]; (y * y).sum()
  const Tensor x = arange_leaf_3x4();
  Tensor y = x * 1.0;
  y.index_put_({longs({0, 2})}, x[1] * x[1]);
  (y * y).backward(ember::ones({3, 4}, ember::kDouble));
  expect_values(x.grad(), {0, 0, 0, 0, 520, 1010, 1740, 2758, 0, 0, 0, 0});
}

}  // namespace
