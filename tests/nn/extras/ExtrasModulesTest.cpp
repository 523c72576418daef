// The modules of group_norm, instance_norm, embedding_bag, interpolate, unflatten, the
// distances and the distribution and margin losses: parameters and buffers as PyTorch
// registers them, forward as their nn::functional forms, training and eval behaviour, and
// printing as Python's print(module).

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "ember/ember.h"

namespace {

namespace nn = ember::nn;
namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::tensors_close;

template <typename Holder>
std::string repr(const Holder& module) {
  std::ostringstream stream;
  stream << *module;
  return stream.str();
}

TEST(NnExtrasModules, PrintAsPython) {
  EXPECT_EQ(repr(nn::GroupNorm(2, 4)), "GroupNorm(2, 4, eps=1e-05, affine=True, bias=True)");
  EXPECT_EQ(repr(nn::GroupNorm(nn::GroupNormOptions(3, 6).eps(1e-3).affine(false))),
            "GroupNorm(3, 6, eps=0.001, affine=False, bias=False)");
  EXPECT_EQ(repr(nn::GroupNorm(nn::GroupNormOptions(1, 2).bias(false))),
            "GroupNorm(1, 2, eps=1e-05, affine=True, bias=False)");
  EXPECT_EQ(repr(nn::InstanceNorm2d(nn::InstanceNorm2dOptions(3).affine(true).bias(false))),
            "InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=True, bias=False, "
            "track_running_stats=False)");
  EXPECT_EQ(repr(nn::InstanceNorm1d(
                nn::InstanceNorm1dOptions(4).eps(1e-3).momentum(0.2).track_running_stats(true))),
            "InstanceNorm1d(4, eps=0.001, momentum=0.2, affine=False, bias=False, "
            "track_running_stats=True)");
  EXPECT_EQ(repr(nn::Upsample(nn::UpsampleOptions()
                                  .scale_factor(std::vector<double>{2.5})
                                  .mode(ember::kBilinear)
                                  .align_corners(false))),
            "Upsample(scale_factor=2.5, mode='bilinear')");
  EXPECT_EQ(repr(nn::Upsample(
                nn::UpsampleOptions().size(std::vector<int64_t>{2, 3, 4}).mode(ember::kTrilinear))),
            "Upsample(size=(2, 3, 4), mode='trilinear')");
  EXPECT_EQ(repr(nn::Upsample(nn::UpsampleOptions().scale_factor(std::vector<double>{2, 3}))),
            "Upsample(scale_factor=(2.0, 3.0), mode='nearest')");
  EXPECT_EQ(repr(nn::Unflatten(-1, std::vector<int64_t>{5})),
            "Unflatten(dim=-1, unflattened_size=(5,))");
  EXPECT_EQ(repr(nn::Unflatten(nn::UnflattenOptions(1, {2, 3}))),
            "Unflatten(dim=1, unflattened_size=(2, 3))");
  EXPECT_EQ(repr(nn::EmbeddingBag(10, 3)), "EmbeddingBag(10, 3, mode='mean')");
  EXPECT_EQ(repr(nn::EmbeddingBag(nn::EmbeddingBagOptions(10, 3)
                                      .mode(ember::kMax)
                                      .padding_idx(0)
                                      .max_norm(1.0)
                                      .norm_type(3.0)
                                      .include_last_offset(true))),
            "EmbeddingBag(10, 3, max_norm=1.0, norm_type=3.0, mode='max', padding_idx=0)");
  EXPECT_EQ(repr(nn::EmbeddingBag(
                nn::EmbeddingBagOptions(5, 2).mode(ember::kSum).scale_grad_by_freq(true))),
            "EmbeddingBag(5, 2, scale_grad_by_freq=True, mode='sum')");
  EXPECT_EQ(repr(nn::CosineSimilarity(nn::CosineSimilarityOptions().dim(0))), "CosineSimilarity()");
  EXPECT_EQ(repr(nn::PairwiseDistance(nn::PairwiseDistanceOptions().p(1).keepdim(true))),
            "PairwiseDistance()");
  EXPECT_EQ(repr(nn::KLDivLoss(ember::kBatchMean)), "KLDivLoss()");
  EXPECT_EQ(repr(nn::MarginRankingLoss()), "MarginRankingLoss()");
  EXPECT_EQ(repr(nn::CosineEmbeddingLoss()), "CosineEmbeddingLoss()");
  EXPECT_EQ(repr(nn::TripletMarginLoss()), "TripletMarginLoss()");
  EXPECT_EQ(repr(nn::PoissonNLLLoss()), "PoissonNLLLoss()");
  EXPECT_EQ(repr(nn::GaussianNLLLoss()), "GaussianNLLLoss()");
}

TEST(NnExtrasModules, GroupNormParametersAndForward) {
  nn::GroupNorm norm(2, 4);
  EXPECT_EQ(norm->named_parameters().keys(), (std::vector<std::string>{"weight", "bias"}));
  EXPECT_TRUE(tensors_close(norm->weight, ember::ones({4}), 0, 0));
  EXPECT_TRUE(tensors_close(norm->bias, ember::zeros({4}), 0, 0));
  {
    ember::NoGradGuard no_grad;
    norm->weight.copy_(ember::tensor({1.0, 2.0, 3.0, 4.0}));
    norm->bias.fill_(0.5);
  }
  const Tensor x = ember::randn({3, 4, 5});
  EXPECT_TRUE(tensors_close(
      norm(x), F::group_norm(x, F::GroupNormFuncOptions(2).weight(norm->weight).bias(norm->bias)),
      0, 0));
  nn::GroupNorm plain(nn::GroupNormOptions(2, 4).affine(false));
  EXPECT_TRUE(plain->parameters().empty());
  EXPECT_TRUE(ember_test::throws_error_with(
      [] { nn::GroupNorm(3, 4); }, "num_channels (4) must be divisible by num_groups (3)"));
}

TEST(NnExtrasModules, InstanceNormRunningStatsTrainAndEval) {
  nn::InstanceNorm1d norm(nn::InstanceNorm1dOptions(3).track_running_stats(true).momentum(0.5));
  EXPECT_TRUE(norm->parameters().empty());
  EXPECT_EQ(norm->named_buffers().keys(),
            (std::vector<std::string>{"running_mean", "running_var", "num_batches_tracked"}));
  const Tensor x = ember::randn({2, 3, 6}, ember::kDouble);
  norm->to(ember::kDouble);
  const Tensor trained = norm(x);
  // Training normalises each instance with its own statistics and updates the running ones.
  EXPECT_TRUE(tensors_close(trained, F::instance_norm(x), 1e-12, 1e-12));
  const Tensor instance_means = x.mean({2});
  const Tensor instance_vars = x.var({2}, /*unbiased=*/true);
  EXPECT_TRUE(tensors_close(norm->running_mean, 0.5 * instance_means.mean({0}), 1e-12, 1e-12));
  EXPECT_TRUE(tensors_close(norm->running_var, 0.5 + 0.5 * instance_vars.mean({0}), 1e-12, 1e-12));
  // Eval normalises with the running statistics.
  norm->eval();
  const Tensor evaluated = norm(x);
  const Tensor expected =
      (x - norm->running_mean.view({1, 3, 1})) / (norm->running_var.view({1, 3, 1}) + 1e-5).sqrt();
  EXPECT_TRUE(tensors_close(evaluated, expected, 1e-12, 1e-12));
  // Unbatched (C, L) input gives the batched result of one sample.
  nn::InstanceNorm1d affine(nn::InstanceNorm1dOptions(3).affine(true));
  EXPECT_EQ(affine->named_parameters().keys(), (std::vector<std::string>{"weight", "bias"}));
  const Tensor sample = ember::randn({3, 6});
  EXPECT_TRUE(tensors_close(affine(sample), affine(sample.unsqueeze(0)).squeeze(0), 0, 0));
  nn::InstanceNorm2d norm2d(3);
  EXPECT_EQ(norm2d(ember::randn({2, 3, 4, 4})).sizes().vec(), (std::vector<int64_t>{2, 3, 4, 4}));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        norm(ember::randn({2, 3, 4, 5}));
      },
      "expected 2D or 3D input (got 4D input)"));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        affine(ember::randn({2, 4, 5}));
      },
      "expected input's size at dim=1 to match num_features (3), but got: 4."));
  // A clone has its own running statistics.
  auto copy = std::dynamic_pointer_cast<nn::InstanceNorm1dImpl>(norm->clone());
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(tensors_close(copy->running_mean, norm->running_mean, 0, 0));
  EXPECT_NE(copy->running_mean.data_ptr(), norm->running_mean.data_ptr());
}

TEST(NnExtrasModules, EmbeddingBagForwardAndFromPretrained) {
  nn::EmbeddingBag bag(nn::EmbeddingBagOptions(6, 2).mode(ember::kSum).padding_idx(-1));
  EXPECT_EQ(*bag->options.padding_idx(), 5);
  EXPECT_TRUE(tensors_close(bag->weight.select(0, 5), ember::zeros({2}), 0, 0));
  const Tensor input = ember::tensor({1, 2, 5, 3});
  const Tensor offsets = ember::tensor({0, 2});
  const Tensor out = bag(input, offsets);
  const Tensor w = bag->weight;
  const Tensor expected = ember::stack({w[1] + w[2], w[3]});
  EXPECT_TRUE(tensors_close(out, expected, 1e-6, 1e-6));
  const Tensor weights = ember::tensor({2.0f, 1.0f, 7.0f, -1.0f});
  EXPECT_TRUE(tensors_close(bag(input, offsets, weights), ember::stack({2 * w[1] + w[2], -w[3]}),
                            1e-6, 1e-6));

  const Tensor table = ember::arange(12, ember::kFloat).view({4, 3});
  auto frozen = nn::EmbeddingBag::from_pretrained(table);
  EXPECT_FALSE(frozen->weight.requires_grad());
  EXPECT_TRUE(tensors_close(frozen(ember::tensor({{0, 2}, {1, 3}})),
                            ember::tensor({{3.0f, 4.0f, 5.0f}, {6.0f, 7.0f, 8.0f}}), 0, 0));
  auto trainable = nn::EmbeddingBag::from_pretrained(
      table, nn::EmbeddingBagFromPretrainedOptions().freeze(false).mode(ember::kMax));
  EXPECT_TRUE(trainable->weight.requires_grad());
  EXPECT_TRUE(
      tensors_close(trainable(ember::tensor({{0, 2}})), ember::tensor({{6.0f, 7.0f, 8.0f}}), 0, 0));
}

TEST(NnExtrasModules, UpsampleUnflattenDistancesAndLossesForwardTheirFunctions) {
  const Tensor image = ember::randn({1, 2, 3, 4});
  nn::Upsample up(nn::UpsampleOptions()
                      .scale_factor(std::vector<double>{2})
                      .mode(ember::kBilinear)
                      .align_corners(true));
  EXPECT_TRUE(tensors_close(up(image),
                            F::interpolate(image, F::InterpolateFuncOptions()
                                                      .scale_factor(std::vector<double>{2, 2})
                                                      .mode(ember::kBilinear)
                                                      .align_corners(true)),
                            0, 0));
  nn::Upsample nearest(nn::UpsampleOptions().size(std::vector<int64_t>{6, 8}));
  EXPECT_EQ(nearest(image).sizes().vec(), (std::vector<int64_t>{1, 2, 6, 8}));

  nn::Unflatten unflatten(1, std::vector<int64_t>{2, -1});
  EXPECT_EQ(unflatten(ember::randn({3, 6, 2})).sizes().vec(), (std::vector<int64_t>{3, 2, 3, 2}));
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        nn::Unflatten(1, std::vector<int64_t>{2, 3})(ember::randn({2, 5}));
      },
      "unflatten: Provided sizes [2, 3] don't multiply up to the size of dim 1 (5) in the input "
      "tensor"));

  const Tensor a = ember::randn({4, 5});
  const Tensor b = ember::randn({4, 5});
  nn::CosineSimilarity cosine(nn::CosineSimilarityOptions().dim(0));
  EXPECT_TRUE(tensors_close(
      cosine(a, b), F::cosine_similarity(a, b, F::CosineSimilarityFuncOptions().dim(0)), 0, 0));
  nn::PairwiseDistance distance(nn::PairwiseDistanceOptions().p(1).keepdim(true));
  EXPECT_EQ(distance(a, b).sizes().vec(), (std::vector<int64_t>{4, 1}));

  const Tensor sign = ember::tensor({1.0f, -1.0f, 1.0f, -1.0f});
  nn::KLDivLoss kl(nn::KLDivLossOptions(ember::kBatchMean).log_target(true));
  EXPECT_TRUE(tensors_close(kl(a.log_softmax(1), b.log_softmax(1)),
                            F::kl_div(a.log_softmax(1), b.log_softmax(1),
                                      F::KLDivFuncOptions(ember::kBatchMean).log_target(true)),
                            0, 0));
  nn::MarginRankingLoss ranking(nn::MarginRankingLossOptions().margin(0.5));
  const Tensor column_a = a.select(1, 0);
  const Tensor column_b = b.select(1, 0);
  EXPECT_TRUE(tensors_close(ranking(column_a, column_b, sign),
                            F::margin_ranking_loss(column_a, column_b, sign,
                                                   F::MarginRankingLossFuncOptions().margin(0.5)),
                            0, 0));
  nn::CosineEmbeddingLoss embedding_loss(nn::CosineEmbeddingLossOptions(ember::kSum));
  EXPECT_TRUE(tensors_close(embedding_loss(a, b, sign),
                            F::cosine_embedding_loss(a, b, sign, ember::kSum), 0, 0));
  nn::TripletMarginLoss triplet(nn::TripletMarginLossOptions().swap(true));
  EXPECT_TRUE(tensors_close(
      triplet(a, b, -a),
      F::triplet_margin_loss(a, b, -a, F::TripletMarginLossFuncOptions().swap(true)), 0, 0));
  nn::PoissonNLLLoss poisson(nn::PoissonNLLLossOptions().full(true));
  EXPECT_TRUE(tensors_close(
      poisson(a, b.abs()),
      F::poisson_nll_loss(a, b.abs(), F::PoissonNLLLossFuncOptions().full(true)), 0, 0));
  nn::GaussianNLLLoss gaussian(nn::GaussianNLLLossOptions(ember::kNone));
  EXPECT_TRUE(tensors_close(gaussian(a, b, a.abs()),
                            F::gaussian_nll_loss(a, b, a.abs(), ember::kNone), 0, 0));
}

TEST(NnExtrasModules, OneHotAndNormalizeBasics) {
  EXPECT_TRUE(tensors_close(F::one_hot(ember::tensor({2, 0})),
                            ember::tensor({{0, 0, 1}, {1, 0, 0}}), 0, 0));
  EXPECT_EQ(F::one_hot(ember::tensor({2, 0})).dtype(), ember::kLong);
  EXPECT_EQ(F::one_hot(ember::zeros({0}, ember::kLong), 3).sizes().vec(),
            (std::vector<int64_t>{0, 3}));
  const Tensor x = ember::tensor({{3.0f, 4.0f}, {0.0f, 0.0f}});
  EXPECT_TRUE(tensors_close(F::normalize(x, F::NormalizeFuncOptions().dim(1)),
                            ember::tensor({{0.6f, 0.8f}, {0.0f, 0.0f}}), 1e-6, 1e-7));
}

}  // namespace
