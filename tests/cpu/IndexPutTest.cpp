// Tensor::index_put_ (Python's `x[...] = value`) and the accumulating form behind it, against
// PyTorch's results (tests/reference/gen_indexing.py).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <ember/ember.h>

#include "IndexingReference.h"
#include "TestUtils.h"
#include "core/ops/AdvancedIndexing.h"

namespace {

using namespace ember;
using namespace ember::indexing;
using ember_test::indexing_ref;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

Tensor x234() { return indexing_ref("in_x234"); }

TEST(IndexPut, AdvancedMatchesPyTorch) {
  Tensor y = zeros({5});
  y.index_put_({tensor({1, 1, 3})}, tensor({1.f, 2.f, 3.f}));
  EXPECT_TRUE(tensors_equal(y, indexing_ref("p_dup")));  // the last duplicate wins
  const Tensor v22 = tensor({{1.f, 2.f}, {3.f, 4.f}});
  y = zeros({3});
  y.index_put_({tensor({{0, 0}, {0, 2}})}, v22.t());
  EXPECT_TRUE(tensors_equal(y, indexing_ref("p_dup_2d_tvalue")));
  y = zeros({3});
  y.index_put_({tensor({{0, 0}, {2, 0}}).t()}, v22);
  EXPECT_TRUE(tensors_equal(y, indexing_ref("p_dup_2d_tindex")));

  Tensor x = x234();
  x.index_put_({Slice(), tensor({0, 2})}, indexing_ref("in_v214"));
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_broadcast")));

  x = x234();
  x.index_put_({tensor({0, 1}), Slice(), tensor({1, 3})}, 7.0);
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_scalar_adv")));

  x = x234();
  x.index_put_({tensor({0, 1}), Slice(), tensor({1, 3})},
               tensor({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}}));
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_separated")));

  x = x234();
  x.index_put_({Slice(), -1, tensor({-1, 0})}, 0.5);
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_neg")));

  x = x234();
  x.index_put_({tensor({1, 0})}, indexing_ref("in_v1234"));  // leading 1s of value dropped
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_leading_ones")));

  x = x234();
  x.index_put_({true, 0}, tensor({3.f, 3.f, 3.f, 3.f}));
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_bool_true")));
}

TEST(IndexPut, MasksMatchPyTorch) {
  Tensor x = x234();
  x.index_put_({indexing_ref("in_m234")}, -1.0);  // masked_fill fast path
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_mask_scalar")));

  x = x234();
  x.index_put_({indexing_ref("in_m234")}, tensor(-1.0f));
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_mask_scalar")));

  x = x234();
  x.index_put_({indexing_ref("in_m234").to(kByte)}, tensor(-1.0f));  // general path
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_mask_scalar")));

  x = x234();
  x.index_put_({indexing_ref("in_m23")}, tensor({1.f, 2.f, 3.f, 4.f}));
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_mask_row")));
}

TEST(IndexPut, BasicIndexingCopiesIntoTheView) {
  Tensor x = x234();
  x.index_put_({1}, arange(12.f).reshape({3, 4}));
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_basic_int")));

  x = x234();
  x.index_put_({Slice(), Slice(1, None)}, 5);
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_basic_slice_scalar")));

  x = x234();
  x.index_put_({Ellipsis, 0}, tensor({9.0, 8.0, 7.0}));  // converts like copy_
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_basic_ellipsis")));

  Tensor s = tensor(1.5f);
  s.index_put_({None}, 4.0);
  EXPECT_TRUE(tensors_equal(s, indexing_ref("p_0d")));
}

TEST(IndexPut, WritesThroughNonContiguousViews) {
  Tensor base = x234();
  Tensor t = base.transpose(0, 2);
  t.index_put_({tensor({3, 1}), Slice(), tensor({0, 1})}, 100.0);
  EXPECT_TRUE(tensors_equal(base, indexing_ref("p_transposed_self")));
  const uint32_t before = base._version();
  t.index_put_({tensor({0})}, 1.0);
  EXPECT_GT(base._version(), before);
}

TEST(IndexPut, AccumulateMatchesPyTorch) {
  Tensor y = zeros({5});
  detail::index_put_(y, {tensor({1, 1, 3, 1})}, tensor({1.f, 2.f, 3.f, 4.f}), true);
  EXPECT_TRUE(tensors_equal(y, indexing_ref("p_accumulate")));
  Tensor x = x234();
  detail::index_put_(x, {tensor({0, 0}), tensor({1, 1})}, ones({2, 4}), true);
  EXPECT_TRUE(tensors_equal(x, indexing_ref("p_accumulate_2d")));
  Tensor b = zeros({3}, kBool);
  detail::index_put_(b, {tensor({0, 0})}, tensor({true, true}), true);
  EXPECT_TRUE(tensors_equal(b, tensor({true, false, false})));
}

TEST(IndexPut, ValueOverlappingSelfIsRefusedAsPyTorch) {
  Tensor x = arange(6.f);
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index_put_({tensor({1, 2, 3})}, x.index({Slice(0, 3)}));
      },
      "some elements of the input tensor and the written-to tensor "
      "refer to a single memory location"));
  x.index_put_({tensor({1, 2, 3})}, x.index({Slice(0, 3)}).clone());
  EXPECT_TRUE(tensors_equal(x, tensor({0.f, 0.f, 1.f, 2.f, 4.f, 5.f})));
}

TEST(IndexPut, ScalarRangeChecks) {
  Tensor i8 = zeros({3}, kChar);
  EXPECT_TRUE(throws_error_with([&] { i8.index_put_({tensor({0})}, 300); },
                                "cannot be converted to type int8_t without overflow"));
  EXPECT_TRUE(throws_error_with([&] { i8.index_put_({0}, 1e10); },
                                "cannot be converted to type int8_t without overflow"));
  Tensor u8 = zeros({3}, kByte);
  u8.index_put_({tensor({1})}, -1);  // negative integers wrap, as PyTorch
  EXPECT_TRUE(tensors_equal(u8, tensor({0, 255, 0}, kByte)));
  Tensor h = zeros({2}, kHalf);
  EXPECT_TRUE(throws_error_with([&] { h.index_put_({0}, 1e6); },
                                "cannot be converted to type ember::Half without overflow"));
  h.index_put_({1}, std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isinf(h[1].item<float>()));
}

TEST(IndexPut, Errors) {
  Tensor x = x234();
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index_put_({tensor({0, 1})}, ones({2, 3, 4}, kDouble));
      },
      "Index put requires the source and destination dtypes match, got "
      "Float for the destination and Double for the source."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        zeros({5}).index_put_({tensor({1, 3})}, tensor({1.f, 2.f, 3.f}));
      },
      "shape mismatch: value tensor of shape [3] cannot be broadcast to "
      "indexing result of shape [2]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.index_put_({1}, ones({2, 3, 4}));
      },
      "shape mismatch: value tensor of shape [2, 3, 4] cannot be "
      "broadcast to indexing result of shape [3, 4]"));
  EXPECT_TRUE(throws_error_with([&] { zeros({5}).index_put_({tensor({5})}, 1.0); },
                                "index 5 is out of bounds for dimension 0 with size 5"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        zeros({3}).expand({2, 3}).index_put_({tensor({0})}, 1.0);
      },
      "more than one element of the written-to tensor refers to a "
      "single memory location"));
  EXPECT_TRUE(throws_error_with([&] { x.index_put_(ArrayRef<TensorIndex>(), 1.0); },
                                "Passing an empty index list to Tensor::index_put_()"));
  EXPECT_TRUE(throws_error_with([&] { x.index_put_({0}, Tensor()); }, "undefined"));
  // A bad index leaves the tensor untouched (offsets are checked before any write).
  Tensor y = zeros({4});
  EXPECT_TRUE(throws_error_with(
      [&] {
        y.index_put_({tensor({0, 1, 9})}, 1.0);
      },
      "index 9 is out of bounds"));
  EXPECT_TRUE(tensors_equal(y, zeros({4})));
  Tensor leaf = zeros({3}).requires_grad_();
  EXPECT_TRUE(throws_error_with([&] { leaf.index_put_({tensor({0})}, 1.0); },
                                "a leaf Variable that requires grad"));
}

}  // namespace
