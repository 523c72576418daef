// group_norm, instance_norm, normalize, the distances, one_hot, embedding_bag, interpolate
// and the distribution and margin losses on cuda:0 against the CPU: values and the gradients
// of every floating input (float64, so the comparison is tight).

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <string>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_cuda_test::random;
using ember_cuda_test::same_on_both;

using Fn = std::function<Tensor(const std::vector<Tensor>&)>;

/// fn's output and the gradients of its floating inputs on cuda:0 equal the CPU's.
void expect_parity(const std::string& name, const Fn& fn, const std::vector<Tensor>& inputs) {
  SCOPED_TRACE(name);
  std::vector<Tensor> outputs;
  std::vector<std::vector<Tensor>> grads;
  for (const ember::Device device : {ember::Device("cpu"), ember::Device("cuda:0")}) {
    std::vector<Tensor> args;
    std::vector<Tensor> wrt;
    for (const Tensor& t : inputs) {
      Tensor arg = t.to(device).detach();
      if (arg.is_floating_point()) {
        arg.requires_grad_(true);
        wrt.push_back(arg);
      }
      args.push_back(arg);
    }
    const Tensor out = fn(args);
    outputs.push_back(out);
    grads.push_back(out.requires_grad()
                        ? ember::autograd::grad({out}, wrt, {ember::ones_like(out)}, std::nullopt,
                                                false, /*allow_unused=*/true)
                        : std::vector<Tensor>{});
  }
  EXPECT_TRUE(same_on_both(outputs[1], outputs[0]));
  ASSERT_EQ(grads[0].size(), grads[1].size());
  for (size_t i = 0; i < grads[0].size(); ++i) {
    if (grads[0][i].defined()) {
      EXPECT_TRUE(same_on_both(grads[1][i], grads[0][i]));
    }
  }
}

TEST(CudaNnExtras, NormalizationAndDistancesMatchCpu) {
  EMBER_REQUIRE_CUDA();
  const auto d = ember::kDouble;
  expect_parity("group_norm",
                [](const std::vector<Tensor>& v) {
                  return F::group_norm(v[0], F::GroupNormFuncOptions(2).weight(v[1]).bias(v[2]));
                },
                {random({3, 4, 5, 2}, d, 1), random({4}, d, 2), random({4}, d, 3)});
  expect_parity("instance_norm",
                [](const std::vector<Tensor>& v) {
                  return F::instance_norm(v[0],
                                          F::InstanceNormFuncOptions().weight(v[1]).bias(v[2]));
                },
                {random({3, 4, 6}, d, 4), random({4}, d, 5), random({4}, d, 6)});
  expect_parity("normalize",
                [](const std::vector<Tensor>& v) {
                  return F::normalize(v[0], F::NormalizeFuncOptions().p(3));
                },
                {random({3, 4}, d, 7)});
  expect_parity("cosine_similarity",
                [](const std::vector<Tensor>& v) { return F::cosine_similarity(v[0], v[1]); },
                {random({3, 4}, d, 8), random({3, 4}, d, 9)});
  expect_parity("pairwise_distance",
                [](const std::vector<Tensor>& v) { return F::pairwise_distance(v[0], v[1]); },
                {random({3, 4}, d, 10), random({3, 4}, d, 11)});
  for (double p : {2.0, 1.0, 3.0}) {
    expect_parity("cdist " + std::to_string(p),
                  [p](const std::vector<Tensor>& v) { return ember::cdist(v[0], v[1], p); },
                  {random({2, 30, 3}, d, 12), random({2, 27, 3}, d, 13)});
  }
  expect_parity("one_hot", [](const std::vector<Tensor>& v) { return F::one_hot(v[0], 5); },
                {ember::tensor({{0, 4}, {2, 1}})});
}

TEST(CudaNnExtras, EmbeddingBagAndInterpolateMatchCpu) {
  EMBER_REQUIRE_CUDA();
  const auto d = ember::kDouble;
  const Tensor input = ember::tensor({1, 2, 4, 5, 4, 3, 2, 0});
  const Tensor offsets = ember::tensor({0, 3, 3, 6});
  for (const ember::nn::EmbeddingBagMode& mode :
       std::vector<ember::nn::EmbeddingBagMode>{ember::kSum, ember::kMean, ember::kMax}) {
    expect_parity("embedding_bag",
                  [&](const std::vector<Tensor>& v) {
                    return F::embedding_bag(
                        v[0], v[1],
                        F::EmbeddingBagFuncOptions().offsets(v[2]).mode(mode).padding_idx(3));
                  },
                  {input, random({6, 3}, d, 14), offsets});
  }
  using Options = F::InterpolateFuncOptions;
  const std::vector<std::pair<std::string, Options>> cases{
      {"nearest", Options().scale_factor(std::vector<double>{1.5, 0.7})},
      {"nearest-exact", Options().size(std::vector<int64_t>{5, 7}).mode(ember::kNearestExact)},
      {"bilinear", Options().size(std::vector<int64_t>{7, 9}).mode(ember::kBilinear)},
      {"bilinear aligned",
       Options().size(std::vector<int64_t>{7, 9}).mode(ember::kBilinear).align_corners(true)},
  };
  for (const auto& [name, options] : cases) {
    expect_parity(name, [&](const std::vector<Tensor>& v) { return F::interpolate(v[0], options); },
                  {random({2, 3, 4, 5}, d, 15)});
  }
}

TEST(CudaNnExtras, LossesMatchCpu) {
  EMBER_REQUIRE_CUDA();
  const auto d = ember::kDouble;
  const Tensor sign = ember::tensor({1.0, -1.0, 1.0, -1.0, 1.0}, d);
  expect_parity("kl_div",
                [](const std::vector<Tensor>& v) {
                  return F::kl_div(v[0], v[1].softmax(1), F::KLDivFuncOptions(ember::kBatchMean));
                },
                {random({5, 4}, d, 16), random({5, 4}, d, 17)});
  expect_parity("margin_ranking",
                [](const std::vector<Tensor>& v) {
                  return F::margin_ranking_loss(v[0], v[1], v[2],
                                                F::MarginRankingLossFuncOptions().margin(0.2));
                },
                {random({5}, d, 18), random({5}, d, 19), sign});
  expect_parity(
      "cosine_embedding",
      [](const std::vector<Tensor>& v) { return F::cosine_embedding_loss(v[0], v[1], v[2]); },
      {random({5, 4}, d, 20), random({5, 4}, d, 21), sign});
  expect_parity("triplet",
                [](const std::vector<Tensor>& v) {
                  return F::triplet_margin_loss(v[0], v[1], v[2],
                                                F::TripletMarginLossFuncOptions().swap(true));
                },
                {random({5, 4}, d, 22), random({5, 4}, d, 23), random({5, 4}, d, 24)});
  expect_parity("poisson",
                [](const std::vector<Tensor>& v) {
                  return F::poisson_nll_loss(v[0], v[1].abs(),
                                             F::PoissonNLLLossFuncOptions().full(true));
                },
                {random({5, 4}, d, 25), random({5, 4}, d, 26)});
  expect_parity(
      "gaussian",
      [](const std::vector<Tensor>& v) { return F::gaussian_nll_loss(v[0], v[1], v[2].abs()); },
      {random({5, 4}, d, 27), random({5, 4}, d, 28), random({5, 1}, d, 29)});
}

}  // namespace
