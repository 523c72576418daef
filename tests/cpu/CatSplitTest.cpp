// cat, stack, split, split_with_sizes, chunk and unbind against PyTorch's results and messages.

#include <gtest/gtest.h>

#include <vector>

#include <ember/ember.h>

#include "IndexingReference.h"
#include "TestUtils.h"

namespace {

using namespace ember;
using namespace ember::indexing;
using ember_test::indexing_ref;
using ember_test::tensors_equal;
using ember_test::throws_error_with;

std::vector<std::vector<int64_t>> shapes_of(const std::vector<Tensor>& ts) {
  std::vector<std::vector<int64_t>> out;
  for (const Tensor& t : ts) out.push_back(t.sizes().vec());
  return out;
}

TEST(Cat, PromotesAsPyTorch) {
  const Tensor a = tensor({{1, 2}, {3, 4}}, kChar);
  EXPECT_TRUE(tensors_equal(cat({a, a.to(kByte)}), indexing_ref("cat_i8_u8")));
  EXPECT_TRUE(tensors_equal(cat({a, tensor({{true, false}})}), indexing_ref("cat_i8_bool")));
  EXPECT_TRUE(tensors_equal(cat({a.to(kHalf), a.to(kBFloat16)}, 1), indexing_ref("cat_half_bf16")));
  EXPECT_TRUE(tensors_equal(cat({a.to(kLong), a.to(kFloat) / 2}), indexing_ref("cat_long_float")));
  EXPECT_TRUE(tensors_equal(cat({a.to(kInt), a.to(kDouble)}, 1), indexing_ref("cat_int_double")));
}

TEST(Cat, SkipsLegacyEmptyTensors) {
  const Tensor a = tensor({{1, 2}, {3, 4}}, kChar);
  // [0]-shaped tensors are skipped for shapes but still take part in type promotion.
  EXPECT_TRUE(
      tensors_equal(cat({empty({0}, kDouble), a, empty({0})}), indexing_ref("cat_skip_empty")));
  EXPECT_TRUE(
      tensors_equal(cat({empty({0}, kLong), empty({0}, kInt)}), indexing_ref("cat_all_empty")));
  EXPECT_EQ(cat({empty({0}), empty({0})}, 5).sizes(), IntArrayRef({0}));
  EXPECT_TRUE(tensors_equal(cat({zeros({2, 0}), ones({2, 3})}, 1), indexing_ref("cat_zero_width")));
}

TEST(Cat, LayoutsAndDims) {
  const Tensor x = indexing_ref("in_x234");
  const Tensor xt = x.transpose(0, 2);
  EXPECT_TRUE(tensors_equal(
      cat({x, x.index({Slice(), Slice(), Slice(None, 1)}), x.index({Ellipsis, Slice(2, None)})}, 2),
      indexing_ref("cat_dim2")));
  EXPECT_TRUE(
      tensors_equal(cat({x, x.index({Slice(), Slice(None, 2)})}, -2), indexing_ref("cat_neg_dim")));
  EXPECT_TRUE(tensors_equal(cat({xt, xt.index({Slice(None, 1)})}), indexing_ref("cat_transposed")));
  EXPECT_TRUE(tensors_equal(cat({xt.index({Slice(), Slice(None, 1)}), xt}, 1),
                            indexing_ref("cat_transposed_dim1")));
  EXPECT_TRUE(tensors_equal(cat({x}), x));
  EXPECT_FALSE(cat({x}).storage().is_alias_of(x.storage()));  // always a new tensor
}

// Large enough for the threaded memcpy paths; the expected values come from plain loops.
TEST(Cat, LargeInputs) {
  const int64_t rows = 700, a_cols = 300, b_cols = 77;
  std::vector<float> av(rows * a_cols), bv(rows * b_cols), want0, want1;
  for (size_t i = 0; i < av.size(); ++i) av[i] = static_cast<float>(i % 1009) - 500.f;
  for (size_t i = 0; i < bv.size(); ++i) bv[i] = static_cast<float>(i % 13) * 0.5f;
  const Tensor a = tensor(av).reshape({rows, a_cols}), b = tensor(bv).reshape({rows, b_cols});
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < a_cols; ++c) want1.push_back(av[r * a_cols + c]);
    for (int64_t c = 0; c < b_cols; ++c) want1.push_back(bv[r * b_cols + c]);
  }
  EXPECT_TRUE(tensors_equal(cat({a, b}, 1), tensor(want1).reshape({rows, a_cols + b_cols})));
  want0 = av;
  want0.insert(want0.end(), av.begin(), av.end());
  EXPECT_TRUE(tensors_equal(cat({a, a}), tensor(want0).reshape({2 * rows, a_cols})));
}

TEST(Cat, Errors) {
  EXPECT_TRUE(throws_error_with([] { cat({}); }, "expected a non-empty list of Tensors"));
  EXPECT_TRUE(throws_error_with(
      [] {
        cat({tensor({{1, 2}}), tensor({{1, 2, 3}})});
      },
      "Sizes of tensors must match except in dimension 0. Expected size "
      "2 but got size 3 for tensor number 1 in the list."));
  EXPECT_TRUE(throws_error_with(
      [] {
        cat({tensor({{1, 2}}), tensor({1, 2, 3})});
      },
      "Tensors must have same number of dimensions: got 2 and 1"));
  EXPECT_TRUE(throws_error_with(
      [] {
        cat({tensor({{1, 2}}), tensor({{1, 2}})}, 2);
      },
      "Dimension out of range (expected to be in range of [-2, 1], but "
      "got 2)"));
  EXPECT_TRUE(throws_error_with(
      [] {
        cat({tensor(1), tensor(2)});
      },
      "zero-dimensional tensor (at position 0) cannot be concatenated"));
  EXPECT_TRUE(throws_error_with([] { cat({tensor({1}), Tensor()}); }, "undefined"));
}

TEST(Stack, MatchesPyTorch) {
  const Tensor x = indexing_ref("in_x234");
  EXPECT_TRUE(tensors_equal(stack({x[0], x[1]}), indexing_ref("stack_dim0")));
  EXPECT_TRUE(tensors_equal(stack({x[0], x[1]}, 1), indexing_ref("stack_dim1")));
  EXPECT_TRUE(tensors_equal(stack({x[0], x[1]}, -1), indexing_ref("stack_last")));
  EXPECT_TRUE(tensors_equal(stack({tensor(1.5f), tensor(2.5f)}), indexing_ref("stack_0d")));
  EXPECT_TRUE(tensors_equal(stack({tensor({1, 2}), tensor({0.5f, 1.5f})}, 1),
                            indexing_ref("stack_promote")));
  EXPECT_EQ(stack({empty({0}), empty({0})}).sizes(), IntArrayRef({2, 0}));
}

TEST(Stack, Errors) {
  EXPECT_TRUE(throws_error_with([] { stack({}); }, "stack expects a non-empty TensorList"));
  EXPECT_TRUE(throws_error_with(
      [] {
        stack({tensor({1}), tensor({2, 3})});
      },
      "stack expects each tensor to be equal size, but got [1] at entry "
      "0 and [2] at entry 1"));
  EXPECT_TRUE(throws_error_with(
      [] {
        stack({tensor({1}), tensor({2})}, 2);
      },
      "Dimension out of range (expected to be in range of [-2, 1], but "
      "got 2)"));
}

TEST(Split, SizesAndValuesAsPyTorch) {
  const Tensor t = arange(10).reshape({5, 2});
  const auto parts = t.split(2);
  ASSERT_EQ(shapes_of(parts), (std::vector<std::vector<int64_t>>{{2, 2}, {2, 2}, {1, 2}}));
  EXPECT_TRUE(tensors_equal(parts[2], tensor({{8, 9}})));
  EXPECT_TRUE(parts[1].storage().is_alias_of(t.storage()));  // views
  EXPECT_EQ(shapes_of(split(t, 7)), (std::vector<std::vector<int64_t>>{{5, 2}}));
  EXPECT_EQ(shapes_of(t.split(1, 1)), (std::vector<std::vector<int64_t>>{{5, 1}, {5, 1}}));
  EXPECT_EQ(shapes_of(arange(0).split(0)), (std::vector<std::vector<int64_t>>{{0}}));
  EXPECT_EQ(shapes_of(arange(0).split(3)), (std::vector<std::vector<int64_t>>{{0}}));
  EXPECT_EQ(shapes_of(t.split(INT64_MAX)), (std::vector<std::vector<int64_t>>{{5, 2}}));
  const auto sized = t.split({1, 0, 4});
  EXPECT_EQ(shapes_of(sized), (std::vector<std::vector<int64_t>>{{1, 2}, {0, 2}, {4, 2}}));
  EXPECT_TRUE(tensors_equal(sized[2], t.index({Slice(1, None)})));
  EXPECT_EQ(shapes_of(split_with_sizes(t, {1, 1}, -1)),
            (std::vector<std::vector<int64_t>>{{5, 1}, {5, 1}}));
  EXPECT_EQ(shapes_of(t.split_with_sizes({3, 2})),
            (std::vector<std::vector<int64_t>>{{3, 2}, {2, 2}}));
}

TEST(Split, Errors) {
  const Tensor t = arange(5);
  EXPECT_TRUE(throws_error_with([&] { t.split(0); },
                                "split_size can only be 0 if dimension size is 0, but got "
                                "dimension size of 5"));
  EXPECT_TRUE(throws_error_with([&] { t.split(-1); },
                                "split expects split_size be non-negative, but got split_size=-1"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        t.split({2, 2});
      },
      "split_with_sizes expects split_sizes to sum exactly to 5 (input "
      "tensor's size at dimension 0), but got split_sizes=[2, 2]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        t.split({2, -1, 4});
      },
      "split_with_sizes expects split_sizes have only non-negative "
      "entries, but got split_sizes=[2, -1, 4]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        t.split({INT64_MAX, INT64_MAX, 7});
      },
      "split_with_sizes expects split_sizes to sum exactly to 5"));
  EXPECT_TRUE(throws_error_with([] { tensor(5).split(1); },
                                "split expects at least a 1-dimensional tensor"));
  EXPECT_TRUE(throws_error_with([&] { t.split(1, 1); }, "Dimension out of range"));
}

TEST(Chunk, SizesAsPyTorch) {
  EXPECT_EQ(shapes_of(arange(5).chunk(3)), (std::vector<std::vector<int64_t>>{{2}, {2}, {1}}));
  EXPECT_EQ(shapes_of(arange(6).chunk(4)), (std::vector<std::vector<int64_t>>{{2}, {2}, {2}}));
  EXPECT_EQ(shapes_of(arange(0).chunk(3)), (std::vector<std::vector<int64_t>>{{0}, {0}, {0}}));
  EXPECT_EQ(shapes_of(chunk(zeros({2, 7}), 2, 1)),
            (std::vector<std::vector<int64_t>>{{2, 4}, {2, 3}}));
  EXPECT_TRUE(tensors_equal(arange(5).chunk(3)[2], tensor({4})));
  EXPECT_TRUE(throws_error_with([] { arange(5).chunk(0); },
                                "chunk expects `chunks` to be greater than 0, got: 0"));
  EXPECT_TRUE(throws_error_with([] { tensor(5).chunk(1); },
                                "chunk expects at least a 1-dimensional tensor"));
}

TEST(Unbind, FreeFunctionAndMethod) {
  const Tensor t = arange(6).reshape({2, 3});
  const auto cols = unbind(t, 1);
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_TRUE(tensors_equal(cols[1], tensor({1, 4})));
  EXPECT_EQ(t.unbind().size(), 2u);
}

}  // namespace
