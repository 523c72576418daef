// First and second derivatives of group_norm, instance_norm, normalize, the distances,
// embedding_bag, interpolate and the distribution and margin losses against finite
// differences in float64 (gradcheck and gradgradcheck).

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <vector>

#include "TestUtils.h"
#include "ember/autograd/GradCheck.h"
#include "ember/ember.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember::autograd::variable_list;

Tensor randn64(std::vector<int64_t> shape) {
  return ember::randn(shape, ember::kDouble).requires_grad_(true);
}

void check_derivatives(const std::function<Tensor(const variable_list&)>& fn,
                       const variable_list& inputs) {
  const auto wrapped = [&](const variable_list& xs) { return variable_list{fn(xs)}; };
  EXPECT_TRUE(ember::autograd::gradcheck(wrapped, inputs));
  EXPECT_TRUE(ember::autograd::gradgradcheck(wrapped, inputs));
}

TEST(NnExtrasGradCheck, Normalization) {
  ember::manual_seed(3);
  check_derivatives(
      [](const variable_list& v) {
        return F::group_norm(v[0], F::GroupNormFuncOptions(2).weight(v[1]).bias(v[2]));
      },
      {randn64({2, 4, 3}), randn64({4}), randn64({4})});
  check_derivatives(
      [](const variable_list& v) {
        return F::instance_norm(v[0], F::InstanceNormFuncOptions().weight(v[1]).bias(v[2]));
      },
      {randn64({2, 3, 4}), randn64({3}), randn64({3})});
  const Tensor running_mean = ember::randn({3}, ember::kDouble);
  const Tensor running_var = ember::rand({3}, ember::kDouble) + 0.5;
  check_derivatives(
      [&](const variable_list& v) {
        return F::instance_norm(v[0], F::InstanceNormFuncOptions()
                                          .running_mean(running_mean)
                                          .running_var(running_var)
                                          .use_input_stats(false));
      },
      {randn64({2, 3, 4})});
  for (double p : {2.0, 1.0, 3.0}) {
    check_derivatives(
        [p](const variable_list& v) {
          return F::normalize(v[0], F::NormalizeFuncOptions().p(p).dim(-1));
        },
        {randn64({3, 4})});
  }
}

TEST(NnExtrasGradCheck, Distances) {
  ember::manual_seed(4);
  check_derivatives([](const variable_list& v) { return F::cosine_similarity(v[0], v[1]); },
                    {randn64({3, 4}), randn64({3, 4})});
  check_derivatives(
      [](const variable_list& v) {
        return F::cosine_similarity(v[0], v[1], F::CosineSimilarityFuncOptions().dim(-1));
      },
      {randn64({2, 1, 4}), randn64({3, 4})});
  for (double p : {2.0, 1.0, 3.0}) {
    check_derivatives(
        [p](const variable_list& v) {
          return F::pairwise_distance(v[0], v[1], F::PairwiseDistanceFuncOptions().p(p));
        },
        {randn64({3, 4}), randn64({3, 4})});
    check_derivatives([p](const variable_list& v) { return ember::cdist(v[0], v[1], p); },
                      {randn64({4, 3}), randn64({5, 3})});
  }
  check_derivatives(
      [](const variable_list& v) { return ember::cdist(v[0], v[1], 2.0, /*compute_mode=*/1); },
      {randn64({2, 4, 3}), randn64({2, 5, 3})});
  check_derivatives(
      [](const variable_list& v) {
        return ember::cdist(v[0], v[1], std::numeric_limits<double>::infinity());
      },
      {randn64({4, 3}), randn64({5, 3})});
}

TEST(NnExtrasGradCheck, EmbeddingBag) {
  ember::manual_seed(5);
  const Tensor input = ember::tensor({1, 2, 4, 5, 4, 3, 2, 0});
  const Tensor offsets = ember::tensor({0, 3, 3, 6});
  for (const ember::nn::EmbeddingBagMode& mode :
       std::vector<ember::nn::EmbeddingBagMode>{ember::kSum, ember::kMean, ember::kMax}) {
    check_derivatives(
        [&](const variable_list& v) {
          return F::embedding_bag(
              input, v[0], F::EmbeddingBagFuncOptions().offsets(offsets).mode(mode).padding_idx(3));
        },
        {randn64({6, 3})});
  }
  check_derivatives(
      [&](const variable_list& v) {
        return F::embedding_bag(input, v[0],
                                F::EmbeddingBagFuncOptions()
                                    .offsets(offsets)
                                    .mode(ember::kSum)
                                    .per_sample_weights(v[1]));
      },
      {randn64({6, 3}), randn64({8})});
}

TEST(NnExtrasGradCheck, Interpolate) {
  ember::manual_seed(6);
  using Options = F::InterpolateFuncOptions;
  const auto check = [](const Options& options, const Tensor& x) {
    check_derivatives([&](const variable_list& v) { return F::interpolate(v[0], options); }, {x});
  };
  check(Options().size(std::vector<int64_t>{5}), randn64({1, 2, 3}));
  check(Options().scale_factor(std::vector<double>{1.5, 0.7}), randn64({1, 2, 3, 4}));
  check(Options().size(std::vector<int64_t>{5, 3}).mode(ember::kNearestExact),
        randn64({1, 1, 3, 4}));
  check(Options().size(std::vector<int64_t>{7}).mode(ember::kLinear), randn64({2, 1, 3}));
  for (bool align : {false, true}) {
    check(Options().size(std::vector<int64_t>{5, 3}).mode(ember::kBilinear).align_corners(align),
          randn64({1, 2, 3, 4}));
  }
  check(Options().scale_factor(std::vector<double>{2.0, 1.5}).mode(ember::kBilinear),
        randn64({1, 1, 2, 3}));
  check(Options().size(std::vector<int64_t>{3, 2, 3}).mode(ember::kTrilinear),
        randn64({1, 1, 2, 3, 2}));
}

TEST(NnExtrasGradCheck, Losses) {
  ember::manual_seed(7);
  const std::vector<ember::LossReduction> reductions{ember::kNone, ember::kMean, ember::kSum};
  const Tensor sign = ember::tensor({1.0, -1.0, 1.0, -1.0}, ember::kDouble);
  for (const auto& r : reductions) {
    check_derivatives(
        [&](const variable_list& v) {
          return F::kl_div(v[0], v[1].softmax(1),
                           F::KLDivFuncOptions().log_target(false).reduction(std::visit(
                               [](auto e) -> F::KLDivFuncOptions::reduction_t { return e; }, r)));
        },
        {randn64({3, 4}), randn64({3, 4})});
    check_derivatives(
        [&](const variable_list& v) {
          return F::margin_ranking_loss(v[0], v[1], sign,
                                        F::MarginRankingLossFuncOptions().margin(0.1).reduction(r));
        },
        {randn64({4}), randn64({4})});
    check_derivatives(
        [&](const variable_list& v) {
          return F::cosine_embedding_loss(
              v[0], v[1], sign, F::CosineEmbeddingLossFuncOptions().margin(-0.3).reduction(r));
        },
        {randn64({4, 3}), randn64({4, 3})});
    check_derivatives(
        [&](const variable_list& v) {
          return F::triplet_margin_loss(v[0], v[1], v[2],
                                        F::TripletMarginLossFuncOptions().margin(5).reduction(r));
        },
        {randn64({4, 3}), randn64({4, 3}), randn64({4, 3})});
    check_derivatives(
        [&](const variable_list& v) {
          return F::poisson_nll_loss(v[0], v[1], F::PoissonNLLLossFuncOptions().reduction(r));
        },
        {randn64({3, 4}), randn64({3, 4})});
    check_derivatives(
        [&](const variable_list& v) {
          return F::gaussian_nll_loss(v[0], v[1], v[2].square() + 0.1,
                                      F::GaussianNLLLossFuncOptions().full(true).reduction(r));
        },
        {randn64({3, 4}), randn64({3, 4}), randn64({3, 1})});
  }
  check_derivatives(
      [](const variable_list& v) {
        return F::kl_div(v[0], v[1], F::KLDivFuncOptions(ember::kBatchMean).log_target(true));
      },
      {randn64({3, 4}), randn64({3, 4})});
  check_derivatives(
      [](const variable_list& v) {
        return F::poisson_nll_loss(v[0].abs() + 0.5, v[1].abs() * 3,
                                   F::PoissonNLLLossFuncOptions().log_input(false).full(true));
      },
      {randn64({3, 4}), randn64({3, 4})});
  check_derivatives(
      [](const variable_list& v) {
        return F::triplet_margin_loss(v[0], v[1], v[2],
                                      F::TripletMarginLossFuncOptions().margin(5).p(1).swap(true));
      },
      {randn64({4, 3}), randn64({4, 3}), randn64({4, 3})});
}

}  // namespace
