// Bad arguments of group_norm, instance_norm, normalize, the distances, one_hot,
// embedding_bag, interpolate and the distribution and margin losses: an ember::Error with
// PyTorch's message for each.

#include <gtest/gtest.h>

#include <vector>

#include "TestUtils.h"
#include "ember/ember.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::throws_error_with;

TEST(NnExtrasErrors, Normalization) {
  const Tensor x = ember::randn({2, 5, 3});
  EXPECT_TRUE(throws_error_with([&] { F::group_norm(x, 2); },
                                "Expected number of channels in input to be divisible by "
                                "num_groups, but got input of shape [2, 5, 3] and num_groups=2"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::group_norm(x, F::GroupNormFuncOptions(5).weight(ember::ones({4}))); },
      "Expected weight to be a vector of size equal to the number of channels in input, but got "
      "weight of shape [4] and input of shape [2, 5, 3]"));
  EXPECT_TRUE(throws_error_with([&] { F::group_norm(ember::randn({5}), 1); },
                                "Expected at least 2 dimensions for input tensor but received 1"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::group_norm(ember::randn({1, 2}), 2);
      },
      "Expected more than 1 value per channel when training"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::instance_norm(ember::randn({2, 3, 1}));
      },
      "Expected more than 1 spatial element when training, got input "
      "size [2, 3, 1]"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::instance_norm(x, F::InstanceNormFuncOptions().use_input_stats(false)); },
      "Expected running_mean and running_var to be defined when use_input_stats is false"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::instance_norm(x, F::InstanceNormFuncOptions()
                                .running_mean(ember::zeros({4}))
                                .running_var(ember::ones({5})));
      },
      "running_mean should contain 5 elements not 4"));
  EXPECT_TRUE(throws_error_with(
      [] {
        F::normalize(ember::randn({2, 3}), F::NormalizeFuncOptions().dim(2));
      },
      "Dimension out of range (expected to be in range of [-2, 1], but got 2)"));
}

TEST(NnExtrasErrors, Distances) {
  EXPECT_TRUE(throws_error_with(
      [] {
        F::cosine_similarity(ember::randn({2, 3}), ember::randn({2, 4}));
      },
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"));
  EXPECT_TRUE(throws_error_with(
      [] {
        F::cosine_similarity(ember::ones({2, 3}, ember::kLong), ember::ones({2, 3}, ember::kLong));
      },
      "expected common dtype to be floating point, yet common dtype is Long"));
  EXPECT_TRUE(throws_error_with(
      [] {
        F::pairwise_distance(ember::randn({2, 3}), ember::randn({2, 4}));
      },
      "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::cdist(ember::randn({2, 3}), ember::randn({2, 4}));
      },
      "X1 and X2 must have the same number of columns. X1: 3 X2: 4"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::cdist(ember::randn({3}), ember::randn({2, 3}));
      },
      "cdist only supports at least 2D tensors, X1 got: 1D"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::cdist(ember::randn({2, 3}), ember::randn({2, 3}), -1);
      },
      "cdist only supports non-negative p values"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::cdist(ember::randn({2, 3}, ember::kDouble), ember::randn({2, 3}));
      },
      "expected scalar type Double but found Float"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::cdist(ember::ones({2, 3}, ember::kLong), ember::ones({2, 3}, ember::kLong));
      },
      "cdist only supports floating-point dtypes, X1 got: Long"));
  EXPECT_TRUE(throws_error_with(
      [] {
        ember::cdist(ember::randn({2, 3}), ember::randn({2, 3}), 2, 3);
      },
      "possible modes: 0, 1, 2, but was: 3"));
}

TEST(NnExtrasErrors, OneHot) {
  EXPECT_TRUE(throws_error_with([] { F::one_hot(ember::tensor({1.0})); },
                                "one_hot is only applicable to index tensor of type LongTensor."));
  EXPECT_TRUE(throws_error_with([] { F::one_hot(ember::tensor({-1})); },
                                "Class values must be non-negative."));
  EXPECT_TRUE(throws_error_with([] { F::one_hot(ember::tensor({3}), 3); },
                                "Class values must be smaller than num_classes."));
  EXPECT_TRUE(throws_error_with([] { F::one_hot(ember::zeros({0}, ember::kLong)); },
                                "Can not infer total number of classes from empty tensor."));
}

TEST(NnExtrasErrors, EmbeddingBag) {
  const Tensor w = ember::randn({4, 3});
  const Tensor input = ember::tensor({1, 2});
  auto bag = [&](const Tensor& in, const F::EmbeddingBagFuncOptions& options) {
    return F::embedding_bag(in, w, options);
  };
  EXPECT_TRUE(throws_error_with(
      [&] { bag(input, F::EmbeddingBagFuncOptions().offsets(ember::tensor({1}))); },
      "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from "
      "position 0. However, got 1"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bag(input, F::EmbeddingBagFuncOptions().offsets(ember::tensor({0, 3})));
      },
      "offsets[-1] can not be greater than input's length 2 but got offsets[-1] of 3"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bag(input, F::EmbeddingBagFuncOptions()
                       .offsets(ember::tensor({0, 1}))
                       .per_sample_weights(ember::ones({2})));
      },
      "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for "
      "mode='sum' (got mode='mean'). Please open a feature request on GitHub."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bag(ember::tensor({{1, 2}}), F::EmbeddingBagFuncOptions().offsets(ember::tensor({0})));
      },
      "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed "
      "length sequences."));
  EXPECT_TRUE(
      throws_error_with([&] { bag(input, {}); }, "offsets has to be a 1D Tensor but got None"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bag(ember::tensor({1, 5}), F::EmbeddingBagFuncOptions().offsets(ember::tensor({0})));
      },
      "Index 1 of input takes value 5 which is not in the valid range [0, 4)"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bag(input, F::EmbeddingBagFuncOptions()
                       .offsets(ember::tensor({0}))
                       .mode(ember::kSum)
                       .per_sample_weights(ember::ones({3})));
      },
      "embedding_bag: If per_sample_weights ([3]) is not None, then it must have the same shape "
      "as the input ([2])"));
  EXPECT_TRUE(throws_error_with(
      [&] { bag(input, F::EmbeddingBagFuncOptions().offsets(ember::tensor({{0}}))); },
      "offsets has to be a 1D Tensor"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bag(input, F::EmbeddingBagFuncOptions().offsets(ember::tensor({0, 2, 1})));
      },
      "offsets must be non-decreasing"));
  EXPECT_TRUE(throws_error_with(
      [&] { bag(ember::tensor({1.0f}), F::EmbeddingBagFuncOptions().offsets(ember::tensor({0}))); },
      "Expected tensor for argument #1 'indices' to have one of the following scalar types: "
      "Long, Int; but got Float instead"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        bag(input, F::EmbeddingBagFuncOptions()
                       .offsets(ember::tensor({0}))
                       .mode(ember::kMax)
                       .scale_grad_by_freq(true));
      },
      "max mode does not support scaling the gradient by the frequency"));
  EXPECT_TRUE(throws_error_with(
      [&] { bag(input, F::EmbeddingBagFuncOptions().offsets(ember::tensor({0})).padding_idx(7)); },
      "padding_idx must be within the number of embeddings, -4 through 3, but got 7"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::embedding_bag(input, ember::randn({4}),
                         F::EmbeddingBagFuncOptions().offsets(ember::tensor({0})));
      },
      "weight has to be a 2D Tensor, but got Tensor of dimension 1"));
}

TEST(NnExtrasErrors, Interpolate) {
  using Options = F::InterpolateFuncOptions;
  const Tensor x3 = ember::randn({1, 1, 4});
  const Tensor x4 = ember::randn({1, 1, 4, 4});
  const std::vector<int64_t> three{3};
  EXPECT_TRUE(
      throws_error_with([&] { F::interpolate(x3, Options().size(three).mode(ember::kBilinear)); },
                        "Got 3D input, but bilinear mode needs 4D input"));
  EXPECT_TRUE(
      throws_error_with([&] { F::interpolate(x4, Options().size(three).mode(ember::kLinear)); },
                        "Got 4D input, but linear mode needs 3D input"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::interpolate(x3, Options().size(three).scale_factor(std::vector<double>{2})); },
      "only one of size or scale_factor should be defined"));
  EXPECT_TRUE(throws_error_with([&] { F::interpolate(x3); },
                                "either size or scale_factor should be defined"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::interpolate(x3, Options().size(three).align_corners(true)); },
      "align_corners option can only be set with the interpolating modes: linear | bilinear | "
      "bicubic | trilinear"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::interpolate(x4, Options().size(std::vector<int64_t>{3, 3, 3}));
      },
      "Input and output must have the same number of spatial dimensions, but got input with "
      "spatial dimensions of [4, 4] and output size of [3, 3, 3]."));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::interpolate(x4, Options().scale_factor(std::vector<double>{2, 2, 2}));
      },
      "Input and scale_factor must have the same number of spatial dimensions"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::interpolate(x4, Options().size(std::vector<int64_t>{0, 3}));
      },
      "Input and output sizes should be greater than 0, but got input (H: 4, W: 4) output (H: 0, "
      "W: 3)"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::interpolate(x4, Options().scale_factor(std::vector<double>{0.1})); },
      "Input and output sizes should be greater than 0, but got input (H: 4, W: 4) output (H: 0, "
      "W: 0)"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::interpolate(ember::randn({4}), Options().size(three)); },
      "Input Error: Only 3D, 4D and 5D input Tensors supported (got 1D) for the modes: nearest | "
      "linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact (got nearest)"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::interpolate(ember::ones({1, 1, 4}, ember::kLong), Options().size(three));
      },
      "\"compute_indices_weights_nearest\" not implemented for 'Long'"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::interpolate(ember::ones({1, 1, 4}, ember::kByte),
                       Options().size(three).mode(ember::kLinear));
      },
      "\"compute_indices_weights_linear\" not implemented for 'Byte'"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::interpolate(x3, Options().scale_factor(std::vector<double>{1e300})); },
      "interpolate: scale_factor 1e+300 gives no valid output size for input size 4"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::interpolate(x3, Options().size(three).recompute_scale_factor(true)); },
      "recompute_scale_factor is not meaningful with an explicit size."));
  EXPECT_TRUE(
      throws_error_with([&] { F::interpolate(x4, Options().size(three).mode(ember::kBicubic)); },
                        "interpolate: mode 'bicubic' is not implemented"));
}

TEST(NnExtrasErrors, Losses) {
  const Tensor a = ember::randn({2, 3});
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::kl_div(a, ember::randn({2, 4}));
      },
      "The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1"));
  EXPECT_TRUE(throws_error_with(
      [] {
        F::margin_ranking_loss(ember::randn({2}), ember::randn({2, 1}), ember::randn({2}));
      },
      "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: "
      "[2], input2: [2, 1], target: [2]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::cosine_embedding_loss(a, a, ember::randn({2, 1}));
      },
      "0D or 1D target tensor expected, multi-target not supported"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::cosine_embedding_loss(ember::randn({3}), a, ember::randn({2})); },
      "1D target tensor expects 2D input tensors, but found inputs with sizes [3] and [2, 3]."));
  EXPECT_TRUE(throws_error_with(
      [&] { F::cosine_embedding_loss(a, a, ember::randn({})); },
      "0D target tensor expects 1D input tensors, but found inputs with sizes [2, 3] and [2, 3]."));
  EXPECT_TRUE(throws_error_with(
      [&] { F::triplet_margin_loss(a, a, ember::randn({3})); },
      "The anchor, positive, and negative tensors are expected to have the same number of "
      "dimensions, but got: anchor 2D, positive 2D, and negative 1D inputs"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::gaussian_nll_loss(a, a, ember::ones({2, 2}));
      },
      "var is of incorrect size"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::gaussian_nll_loss(a, a, -ember::ones({2, 3}));
      },
      "var has negative entry/entries"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::poisson_nll_loss(a, ember::randn({2, 4}));
      },
      "The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1"));
  EXPECT_TRUE(throws_error_with(
      [] { F::kl_div(ember::ones({2}, ember::kLong), ember::ones({2}, ember::kLong)); },
      "kl_div: Integral inputs not supported."));
}

}  // namespace
