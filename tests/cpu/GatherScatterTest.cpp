// index_select, gather and scatter_add against PyTorch's results, shapes and messages.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include "IndexingReference.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using ember_test::indexing_ref;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

TEST(IndexSelect, MatchesPyTorch) {
  const Tensor x = indexing_ref("in_x234");
  EXPECT_TRUE(tensors_equal(x.index_select(0, tensor({1, 1, 0})), indexing_ref("is_dim0")));
  EXPECT_TRUE(tensors_equal(index_select(x, 1, tensor({2, 0})), indexing_ref("is_dim1")));
  EXPECT_TRUE(tensors_equal(x.index_select(1, tensor({2, 0}, kInt)), indexing_ref("is_dim1")));
  EXPECT_TRUE(
      tensors_equal(x.index_select(-1, tensor({3, 1, 2, 0})), indexing_ref("is_dim2_neg_dim")));
  EXPECT_TRUE(tensors_equal(x.transpose(0, 2).index_select(1, tensor({0, 2})),
                            indexing_ref("is_transposed")));
  EXPECT_TRUE(tensors_equal(tensor(3.5f).index_select(0, tensor({0})), indexing_ref("is_0d")));
  EXPECT_TRUE(tensors_equal(x.index_select(1, empty({0}, kLong)), indexing_ref("is_empty")));
  EXPECT_TRUE(tensors_equal(x.index_select(0, tensor(1)), indexing_ref("is_0d_index")));
  // A strided (non-contiguous) index.
  const Tensor idx =
      tensor({2, 9, 0, 9}).index({indexing::Slice(indexing::None, indexing::None, 2)});
  EXPECT_TRUE(tensors_equal(x.index_select(1, idx), indexing_ref("is_dim1")));
}

// The block-copy path: a contiguous tensor whose size-1 dimension has an unusual stride.
TEST(IndexSelect, ContiguousWithOddStrideOfSizeOneDim) {
  const Tensor row = arange(6.f).reshape({6, 1}).t();  // [1, 6], strides [1, 1]
  ASSERT_TRUE(row.is_contiguous());
  EXPECT_TRUE(
      tensors_equal(row.index_select(0, tensor({0, 0})),
                    tensor({{0.f, 1.f, 2.f, 3.f, 4.f, 5.f}, {0.f, 1.f, 2.f, 3.f, 4.f, 5.f}})));
  EXPECT_TRUE(tensors_equal(row.index_select(1, tensor({5, 0}, kInt)), tensor({{5.f, 0.f}})));
}

TEST(IndexSelect, Errors) {
  const Tensor x = indexing_ref("in_x234");
  EXPECT_TRUE(throws_error_with([&] { x.index_select(1, tensor({3})); },
                                "index_select(): index 3 is out of bounds for dimension 1 with "
                                "size 3"));
  // Unlike indexing, index_select takes no negative indices (as PyTorch).
  EXPECT_TRUE(throws_error_with([&] { x.index_select(0, tensor({-1})); },
                                "index -1 is out of bounds for dimension 0 with size 2"));
  EXPECT_TRUE(throws_error_with([&] { x.index_select(0, tensor({{0}})); },
                                "index_select(): Index is supposed to be a vector"));
  EXPECT_TRUE(throws_error_with([&] { x.index_select(0, tensor({0.f})); },
                                "index_select(): Expected dtype int32 or int64 for index"));
  EXPECT_TRUE(throws_error_with([&] { x.index_select(3, tensor({0})); },
                                "Dimension out of range (expected to be in range of [-3, 2], but "
                                "got 3)"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        tensor(1.f).index_select(0, tensor({0, 0}));
      },
      "index_select(): Index to scalar can have only 1 value, got 2"));
  EXPECT_TRUE(throws_error_with([&] { tensor(1.f).index_select(0, tensor({1})); },
                                "index 1 is out of bounds for dimension 0 with size 1"));
}

TEST(Gather, MatchesPyTorch) {
  const Tensor x = indexing_ref("in_x234");
  const Tensor idx = indexing_ref("in_g_idx");
  EXPECT_TRUE(tensors_equal(x.gather(0, idx), indexing_ref("g_dim0")));
  EXPECT_TRUE(tensors_equal(gather(x, 1, idx), indexing_ref("g_dim1")));
  EXPECT_TRUE(tensors_equal(x.gather(-1, idx, /*sparse_grad=*/false), indexing_ref("g_dim2")));
  EXPECT_TRUE(tensors_equal(x.transpose(0, 2).gather(0, tensor({{{3, 2}}, {{0, 1}}})),
                            indexing_ref("g_transposed")));
  EXPECT_TRUE(tensors_equal(tensor(3.5f).gather(0, tensor(0)), indexing_ref("g_0d")));
  EXPECT_TRUE(tensors_equal(x.gather(1, empty({2, 0, 4}, kLong)), indexing_ref("g_empty")));
  // Index through a transposed view of itself.
  EXPECT_TRUE(tensors_equal(x.gather(1, idx.transpose(0, 2).contiguous().transpose(0, 2)),
                            indexing_ref("g_dim1")));
}

TEST(Gather, Errors) {
  const Tensor x = indexing_ref("in_x234");
  EXPECT_TRUE(throws_error_with([&] { x.gather(2, tensor({{{5}}})); },
                                "index 5 is out of bounds for dimension 2 with size 4"));
  EXPECT_TRUE(throws_error_with([&] { x.gather(1, tensor({{{-1}}})); },
                                "index -1 is out of bounds for dimension 1 with size 3"));
  EXPECT_TRUE(throws_error_with([&] { x.gather(1, tensor({{{1}}}, kInt)); },
                                "gather(): Expected dtype int64 for index"));
  EXPECT_TRUE(throws_error_with([&] { x.gather(1, tensor({1})); },
                                "Index tensor must have the same number of dimensions as input "
                                "tensor"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        x.gather(1, zeros({3, 1, 1}, kLong));
      },
      "Size does not match at dimension 0 expected index [3, 1, 1] to be "
      "smaller than self [2, 3, 4] apart from dimension 1"));
}

TEST(ScatterAdd, MatchesPyTorch) {
  const Tensor idx = indexing_ref("in_s_idx"), src = indexing_ref("in_s_src");
  EXPECT_TRUE(tensors_equal(zeros({3, 4}).scatter_add(0, idx, src), indexing_ref("s_dim0")));
  EXPECT_TRUE(tensors_equal(scatter_add(zeros({3, 5}), 1, idx, src), indexing_ref("s_dim1")));
  Tensor h = zeros({3}, kHalf);
  h.scatter_add_(0, tensor({0, 0, 0, 2}), tensor({0.1, 0.2, 0.3, 1.0}).to(kHalf));
  EXPECT_TRUE(tensors_equal(h, indexing_ref("s_half_order")));  // rounding after every add
  EXPECT_TRUE(
      tensors_equal(tensor(1.f).scatter_add(0, tensor(0), tensor(2.5f)), indexing_ref("s_0d")));
  const Tensor t = arange(12.f).reshape({4, 3}).t();
  const Tensor small_idx = idx.index({indexing::Slice(), indexing::Slice(0, 2)});
  const Tensor small_src = src.index({indexing::Slice(0, 2), indexing::Slice(0, 2)});
  EXPECT_TRUE(
      tensors_equal(t.scatter_add(1, small_idx, small_src), indexing_ref("s_transposed_self")));
}

TEST(ScatterAdd, InPlaceWritesSelfAndBumpsVersion) {
  Tensor base = zeros({3, 4});
  const uint32_t v = base._version();
  Tensor& r = base.scatter_add_(0, indexing_ref("in_s_idx"), indexing_ref("in_s_src"));
  EXPECT_TRUE(&r == &base);
  EXPECT_TRUE(tensors_equal(base, indexing_ref("s_dim0")));
  EXPECT_GT(base._version(), v);
  // src overlapping self is refused, as PyTorch; a copy of it is not.
  Tensor a = tensor({1.f, 2.f, 3.f});
  EXPECT_TRUE(throws_error_with(
      [&] {
        a.scatter_add_(0, tensor({1, 2}), a.index({indexing::Slice(0, 2)}));
      },
      "some elements of the input tensor and the written-to tensor refer to a single memory "
      "location"));
  a.scatter_add_(0, tensor({1, 2}), a.index({indexing::Slice(0, 2)}).clone());
  EXPECT_TRUE(tensors_equal(a, tensor({1.f, 3.f, 5.f})));
  EXPECT_TRUE(tensors_equal(zeros({2}).scatter_add(0, empty({0}, kInt), zeros({0})), zeros({2})));
}

TEST(ScatterAdd, Errors) {
  Tensor self = zeros({3});
  EXPECT_TRUE(throws_error_with([&] { self.scatter_add_(0, tensor({1}), ones({2}, kLong)); },
                                "scatter_add(): Expected self.dtype to be equal to src.dtype"));
  EXPECT_TRUE(throws_error_with([&] { self.scatter_add_(0, tensor({1}, kInt), ones({2})); },
                                "scatter_add(): Expected dtype int64 for index"));
  EXPECT_TRUE(throws_error_with([&] { self.scatter_add_(0, tensor({5}), ones({2})); },
                                "index 5 is out of bounds for dimension 0 with size 3"));
  EXPECT_TRUE(tensors_equal(self, zeros({3})));  // checked before writing
  EXPECT_TRUE(throws_error_with(
      [&] {
        self.scatter_add_(0, tensor({1, 1, 1, 1}), ones({2}));
      },
      "Expected index [4] to be smaller than self [3] apart from "
      "dimension 0 and to be smaller size than src [2]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        zeros({3, 2}).scatter_add_(0, tensor({1, 1}), ones({2}));
      },
      "Index tensor must have the same number of dimensions as self "
      "tensor"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        zeros({3, 2}).scatter_add_(0, tensor({{1, 1}}), ones({2}));
      },
      "Index tensor must have the same number of dimensions as src "
      "tensor"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        zeros({3, 2}).scatter_add_(0, tensor({{1, 1, 1}}), ones({2, 3}));
      },
      "Expected index [1, 3] to be smaller than self [3, 2] apart from dimension 0"));
  EXPECT_TRUE(throws_error_with(
      [&] { zeros({1}).expand({3}).scatter_add_(0, tensor({1}), ones({1})); },
      "more than one element of the written-to tensor refers to a single memory location"));
}

}  // namespace
