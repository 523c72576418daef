// Gradients of the view ops: gradcheck / gradgradcheck of every case, node names as
// PyTorch's, views and their bases, in-place changes through views (values vs PyTorch), and
// the in-place errors PyTorch raises.

#include <gtest/gtest.h>

#include <vector>

#include "autograd/GradTestUtils.h"
#include "ember/ember.h"

namespace {

using ember::Tensor;
using ember_test::arange_leaf_3x4;
using ember_test::expect_error;
using ember_test::expect_values;
using ember_test::node_name;
namespace idx = ember::indexing;

TEST(ViewGrad, NodeNamesArePyTorchs) {
  const Tensor x = arange_leaf_3x4();
  EXPECT_EQ(node_name(x.view({4, 3})), "ViewBackward0");
  EXPECT_EQ(node_name(x.view_as(x)), "ViewBackward0");
  EXPECT_EQ(node_name(x.reshape({12})), "ViewBackward0");
  EXPECT_EQ(node_name(x.flatten()), "ViewBackward0");
  const Tensor copied = x.t().reshape({12});
  EXPECT_EQ(node_name(copied), "UnsafeViewBackward0");
  EXPECT_EQ(copied.grad_fn()->next_edges()[0].function->name(), "CloneBackward0");
  EXPECT_EQ(node_name(x.t()), "TBackward0");
  EXPECT_EQ(node_name(x.transpose(0, 1)), "TransposeBackward0");
  EXPECT_EQ(node_name(x.permute({1, 0})), "PermuteBackward0");
  EXPECT_EQ(node_name(x.unsqueeze(0).squeeze()), "SqueezeBackward0");
  EXPECT_EQ(node_name(x.squeeze(0)), "SqueezeBackward1");
  EXPECT_EQ(node_name(x.unsqueeze(1)), "UnsqueezeBackward0");
  EXPECT_EQ(node_name(x.expand({2, 3, 4})), "ExpandBackward0");
  EXPECT_EQ(node_name(x.expand_as(x)), "ExpandBackward0");
  EXPECT_EQ(node_name(x.slice(1, 1)), "SliceBackward0");
  EXPECT_EQ(node_name(x.narrow(0, 0, 1)), "SliceBackward0");
  EXPECT_EQ(node_name(x.index({idx::Slice(1, std::nullopt)})), "SliceBackward0");
  EXPECT_EQ(node_name(x.select(1, 0)), "SelectBackward0");
  EXPECT_EQ(node_name(x[0]), "SelectBackward0");
  EXPECT_EQ(node_name(x.index({idx::None})), "UnsqueezeBackward0");
  EXPECT_EQ(node_name(x.index({"..."})), "AliasBackward0");
  EXPECT_EQ(node_name(x.as_strided({2}, {1})), "AsStridedBackward0");
  for (const Tensor& piece : x.unbind(1)) EXPECT_EQ(node_name(piece), "UnbindBackward0");
  for (const Tensor& piece : x.split(2, 1)) EXPECT_EQ(node_name(piece), "SplitBackward0");
  for (const Tensor& piece : x.chunk(2)) EXPECT_EQ(node_name(piece), "SplitBackward0");
  for (const Tensor& piece : x.split_with_sizes({1, 2})) {
    EXPECT_EQ(node_name(piece), "SplitWithSizesBackward0");
  }
  const std::vector<Tensor> pieces = x.split(2, 1);
  EXPECT_EQ(pieces[0].grad_fn(), pieces[1].grad_fn());  // one node, several outputs
  EXPECT_EQ(pieces[1].output_nr(), 1);
  EXPECT_EQ(node_name(x.detach()), "(none)");
}

TEST(ViewGrad, ViewsKnowTheirBase) {
  const Tensor x = arange_leaf_3x4();
  const Tensor v = x.t();
  EXPECT_TRUE(v.is_view());
  EXPECT_TRUE(v._base().is_same(x));
  const Tensor vv = v[1].unsqueeze(0);
  EXPECT_TRUE(vv.is_view());
  EXPECT_TRUE(vv._base().is_same(x));  // a view of a view has the root as its base
  for (const Tensor& piece : x.split(1)) EXPECT_TRUE(piece._base().is_same(x));
  EXPECT_FALSE(x.t().reshape({12}).is_view());  // a copy
  EXPECT_TRUE(x.reshape({12}).is_view());
  EXPECT_FALSE(x.is_view());
  EXPECT_FALSE(x.detach().is_view());
  EXPECT_TRUE(x.contiguous().is_same(x));
  EXPECT_FALSE(x.t().contiguous().is_view());
  // Views of tensors that do not require grad are tracked too (an in-place change of the view
  // may later make the base require grad).
  const Tensor plain = ember::zeros({2, 2});
  EXPECT_TRUE(plain[0]._base().is_same(plain));
  {
    ember::NoGradGuard no_grad;
    EXPECT_FALSE(x.t().is_view());
  }
  expect_error([&] { (void)x._base(); }, "not a view");
}

TEST(ViewGrad, InplaceThroughSelectUpdatesBaseAndOtherViews) {
  // y = x * 1; r = y[1]; c = y[:, 2]; r *= x[0]; (c*c).sum() + (y*y).sum()
  const Tensor x = arange_leaf_3x4();
  Tensor y = x * 1.0;
  Tensor r = y[1];
  Tensor c = y.select(1, 2);
  r.mul_(x[0]);
  EXPECT_EQ(node_name(y), "CopySlices");
  (c * c).backward(ember::ones({3}, ember::kDouble), /*retain_graph=*/true);
  (y * y).backward(ember::ones({3, 4}, ember::kDouble));
  expect_values(x.grad(), {0, 52, 296, 300, 0, 10, 96, 126, 16, 18, 40, 22});
}

TEST(ViewGrad, InplaceThroughTransposeMatchesPyTorch) {
  // y = x * 1; y.t().add_(x.t() * x.t()); (y * arange(12).reshape(3, 4)).sum()
  const Tensor x = arange_leaf_3x4();
  Tensor y = x * 1.0;
  y.t().add_(x.t() * x.t());
  y.backward(ember::arange(12, ember::kDouble).reshape({3, 4}));
  expect_values(x.grad(), {0, 3, 10, 21, 36, 55, 78, 105, 136, 171, 210, 253});
}

TEST(ViewGrad, ViewsMadeBeforeTheBaseChangedSeeTheChange) {
  // y = x * 1; v = y[0]; t = y.t(); y.mul_(2); (v * v).sum(), then (t * t).sum()
  Tensor x = arange_leaf_3x4();
  Tensor y = x * 1.0;
  const Tensor v = y[0];
  const Tensor t = y.t();
  y.mul_(2);
  EXPECT_EQ(node_name(v), "AsStridedBackward0");
  EXPECT_EQ(node_name(t), "AsStridedBackward0");
  (v * v).backward(ember::ones({4}, ember::kDouble), /*retain_graph=*/true);
  expect_values(x.grad(), {0, 8, 16, 24, 0, 0, 0, 0, 0, 0, 0, 0});
  x.mutable_grad().zero_();
  (t * t).backward(ember::ones({4, 3}, ember::kDouble));
  expect_values(x.grad(), {0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88});
}

TEST(ViewGrad, SettingItemsOfATensorWithoutGradStartsItsHistory) {
  // y = zeros(3, 4); y[1] = x[0] * x[0]; y[[2]] = x[2:3] * 3; y.backward(arange(12).view(3, 4))
  const Tensor x = arange_leaf_3x4();
  Tensor y = ember::zeros({3, 4}, ember::kDouble);
  y.index_put_({1}, x[0] * x[0]);
  EXPECT_EQ(node_name(y), "CopySlices");
  y.index_put_({ember::tensor({2})}, x.slice(0, 2, 3) * 3.0);
  EXPECT_EQ(node_name(y), "IndexPutBackward0");
  EXPECT_TRUE(y.requires_grad());
  y.backward(ember::arange(12, ember::kDouble).reshape({3, 4}));
  expect_values(x.grad(), {0, 10, 24, 42, 0, 0, 0, 0, 24, 27, 30, 33});
}

TEST(ViewGrad, SplitGradientHasZerosWherePiecesAreUnused) {
  const Tensor x = arange_leaf_3x4();
  const std::vector<Tensor> pieces = x.split_with_sizes({1, 2}, 0);
  (pieces[1] * 2.0).backward(ember::ones({2, 4}, ember::kDouble));
  expect_values(x.grad(), {0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2});
}

TEST(ViewGrad, InplaceErrorsAsPyTorch) {
  const Tensor x = arange_leaf_3x4();
  Tensor y = x * 1.0;
  std::vector<Tensor> pieces = y.split(1);
  expect_error([&] { pieces[0].mul_(2); },
               "is a view and is being modified inplace. This view is the output of a function "
               "that returns multiple views.");
  std::vector<Tensor> rows = y.unbind();
  expect_error([&] { rows[2].zero_(); }, "returns multiple views");
  Tensor view_of_leaf = x[0];
  expect_error([&] { view_of_leaf.mul_(2); },
               "a view of a leaf Variable that requires grad is being used in an in-place "
               "operation.");
  Tensor view_of_view_of_leaf = x.t().slice(0, 1).unsqueeze(0);
  expect_error([&] { view_of_view_of_leaf.zero_(); }, "a view of a leaf Variable");
  // A view that became a leaf requiring grad is a leaf like any other.
  Tensor view_leaf = ember::zeros({4}, ember::kDouble).view({2, 2}).requires_grad_();
  expect_error([&] { view_leaf.fill_(1); }, "a leaf Variable that requires grad");
  Tensor leaf = x;
  expect_error(
      [&] {
        leaf.copy_(ember::ones({3, 4}, ember::kDouble));
      },
      "a leaf Variable that requires grad is being used in an in-place operation.");
  // Without grad mode nothing is checked (as optimisers update parameters).
  {
    ember::NoGradGuard no_grad;
    x[0].mul_(1);
    pieces[0].mul_(1);
  }
  // Pieces of a tensor that does not require grad may change.
  Tensor plain = ember::zeros({4});
  plain.split(2)[0].fill_(1);
  expect_values(plain, {1, 1, 0, 0});
}

TEST(ViewGrad, DetachSharesDataAndVersionButNoHistory) {
  const Tensor x = arange_leaf_3x4();
  Tensor y = x * 2.0;
  Tensor d = y.detach();
  EXPECT_FALSE(d.requires_grad());
  const uint32_t before = y._version();
  d.add_(1);
  EXPECT_GT(y._version(), before);
  EXPECT_DOUBLE_EQ(y[0][0].item<double>(), 1.0);

  Tensor z = x * 3.0;
  z.detach_();
  EXPECT_FALSE(z.requires_grad());
  EXPECT_TRUE(z.is_leaf());
  EXPECT_EQ(node_name(z), "(none)");
  Tensor v = (x * 1.0)[0];
  expect_error([&] { v.detach_(); }, "Can't detach views in-place");
}

}  // namespace
