#include <gtest/gtest.h>

#include <ember/ember.h>

#include "TestUtils.h"
#include "core/TensorIterator.h"

// The tensor model: views share storage, copies do not, to() returns self when nothing
// changes, geometry (sizes, strides, offsets, contiguity) as PyTorch computes it.

namespace {

using namespace ember;
using ember_test::tensors_equal;

TEST(TensorModel, ViewsShareStorageAndSeeWrites) {
  Tensor base = zeros({2, 3});
  Tensor row = base[1];
  Tensor col = base.select(1, 2);
  Tensor flat = base.view({6});
  EXPECT_TRUE(row.storage().is_alias_of(base.storage()));
  EXPECT_TRUE(flat.storage().is_alias_of(base.storage()));
  row.fill_(5);
  EXPECT_TRUE(tensors_equal(base, tensor({{0., 0., 0.}, {5., 5., 5.}})));
  col.add_(1);
  EXPECT_TRUE(tensors_equal(flat, tensor({0., 0., 1., 5., 5., 6.})));
}

TEST(TensorModel, GeometryOfViews) {
  const Tensor t = arange(24).reshape({2, 3, 4});
  EXPECT_EQ(t.strides(), IntArrayRef({12, 4, 1}));
  const Tensor p = t.permute({2, 0, 1});
  EXPECT_EQ(p.sizes(), IntArrayRef({4, 2, 3}));
  EXPECT_EQ(p.strides(), IntArrayRef({1, 12, 4}));
  EXPECT_FALSE(p.is_contiguous());
  const Tensor s = t.slice(2, 1, 4, 2);
  EXPECT_EQ(s.sizes(), IntArrayRef({2, 3, 2}));
  EXPECT_EQ(s.strides(), IntArrayRef({12, 4, 2}));
  EXPECT_EQ(s.storage_offset(), 1);
  const Tensor e = arange(3).unsqueeze(0).expand({4, 3});
  EXPECT_EQ(e.strides(), IntArrayRef({0, 1}));
  EXPECT_EQ(zeros({3, 1}).t().is_contiguous(), true);  // size-1 dims don't break contiguity
  EXPECT_EQ(t.size(-1), 4);
  EXPECT_EQ(t.stride(-2), 4);
  EXPECT_EQ(t.unsqueeze(1).strides(), IntArrayRef({12, 12, 4, 1}));
}

TEST(TensorModel, CopiesAreIndependent) {
  Tensor a = ones({3});
  Tensor b = a.clone();
  b.fill_(2);
  EXPECT_TRUE(tensors_equal(a, ones({3})));
  Tensor c = a.contiguous();
  EXPECT_TRUE(c.is_same(a));  // already contiguous: same tensor
  Tensor d = a.reshape({3, 1}).t().contiguous();
  EXPECT_TRUE(d.storage().is_alias_of(a.storage()));  // a view suffices
}

TEST(TensorModel, ToReturnsSelfWhenNothingChanges) {
  Tensor a = ones({2});
  EXPECT_TRUE(a.to(kFloat).is_same(a));
  EXPECT_TRUE(a.to(Device("cpu")).is_same(a));
  EXPECT_TRUE(a.to(a).is_same(a));
  EXPECT_TRUE(a.cpu().is_same(a));
  EXPECT_FALSE(a.to(kFloat, false, /*copy=*/true).is_same(a));
  EXPECT_EQ(a.to(kDouble).dtype(), kDouble);
  EXPECT_EQ(a.to(TensorOptions().dtype(kHalf)).dtype(), kHalf);
}

TEST(TensorModel, CopyBroadcastsAndConverts) {
  Tensor dst = zeros({2, 3}, kInt);
  dst.copy_(tensor({1.7, -2.2, 3.9}));
  EXPECT_TRUE(tensors_equal(dst, tensor({{1, -2, 3}, {1, -2, 3}}, kInt)));
  EXPECT_THROW(zeros({3}).copy_(ones({2, 3})), Error);
  Tensor t = arange(6).reshape({2, 3}).to(kFloat);
  Tensor tt = zeros({3, 2});
  tt.copy_(t.t());
  EXPECT_TRUE(tensors_equal(tt, tensor({{0., 3.}, {1., 4.}, {2., 5.}})));
}

TEST(TensorModel, VersionCounterCountsInPlaceChanges) {
  Tensor a = zeros({3});
  Tensor view = a.slice(0, 1);
  const uint32_t v0 = a._version();
  a.add_(1);
  view.mul_(2);
  a.copy_(ones({3}));
  EXPECT_EQ(a._version(), v0 + 3);
  EXPECT_EQ(view._version(), a._version());
}

TEST(TensorModel, FromBlobSharesMemoryAndCallsDeleterOnce) {
  float data[6] = {1, 2, 3, 4, 5, 6};
  int deleted = 0;
  {
    Tensor t = from_blob(data, {2, 3}, [&](void* p) {
      EXPECT_EQ(p, data);
      ++deleted;
    });
    Tensor v = t.t();
    t.mul_(2);
    EXPECT_EQ(data[5], 12.0f);
    EXPECT_EQ(v[2][1].item<float>(), 12.0f);
  }
  EXPECT_EQ(deleted, 1);
  int64_t strided[6] = {0, 1, 2, 3, 4, 5};
  Tensor s = from_blob(strided, {3}, {2}, kLong);
  EXPECT_TRUE(tensors_equal(s, tensor({0, 2, 4})));
}

TEST(TensorModel, ItemAndDataPtr) {
  EXPECT_EQ(tensor(2.5).item<double>(), 2.5);
  EXPECT_EQ(tensor(7).item<int>(), 7);
  EXPECT_EQ(tensor({true}).item<bool>(), true);
  EXPECT_TRUE(tensor(3).item().isIntegral(false));
  EXPECT_TRUE(tensor(3.0).item().isFloatingPoint());
  EXPECT_EQ(tensor(1.5, kHalf).item<float>(), 1.5f);
  Tensor t = arange(4);
  EXPECT_EQ(t.data_ptr<int64_t>()[3], 3);
  EXPECT_EQ(t.toString(), "CPULongType");
  EXPECT_EQ(t.options().dtype(), kLong);
}

TEST(TensorModel, RequiresGradFlag) {
  Tensor w = ones({2}, requires_grad());
  EXPECT_TRUE(w.requires_grad());
  EXPECT_FALSE(w.detach().requires_grad());
  EXPECT_FALSE(w.grad().defined());
  EXPECT_THROW(w.add_(1), Error);  // a leaf that requires grad
  {
    NoGradGuard guard;
    EXPECT_NO_THROW(w.add_(1));
  }
  EXPECT_TRUE(ember_test::tensors_equal(w.detach(), full({2}, 2.0)));
}

TEST(TensorIteratorTest, CoalescesContiguousDimensions) {
  const Tensor a = ones({4, 5, 6});
  auto iter = detail::TensorIteratorConfig().add_output(Tensor()).add_input(a).add_input(a).build();
  EXPECT_EQ(iter.ndim(), 1);
  EXPECT_EQ(iter.iter_shape()[0], 120);
  EXPECT_TRUE(iter.is_contiguous());
}

TEST(TensorIteratorTest, BroadcastInputsGetZeroStrides) {
  const Tensor a = ones({4, 1});
  const Tensor b = ones({3});
  auto iter = detail::TensorIteratorConfig().add_output(Tensor()).add_input(a).add_input(b).build();
  EXPECT_EQ(iter.shape(), IntArrayRef({4, 3}));
  EXPECT_EQ(iter.ndim(), 2);
  EXPECT_EQ(iter.strides(1)[0], 0);  // a is constant along the inner dimension
  EXPECT_EQ(iter.strides(2)[1], 0);  // b is constant along the outer dimension
}

TEST(TensorIteratorTest, FollowsMemoryOrderOfTransposedOutputs) {
  Tensor out = zeros({3, 4}).t();  // column-major [4, 3]
  auto iter = detail::TensorIteratorConfig().add_output(out).add_input(ones({4, 3})).build();
  EXPECT_EQ(iter.strides(0)[0], static_cast<int64_t>(sizeof(float)));  // walks out in order
}

}  // namespace
