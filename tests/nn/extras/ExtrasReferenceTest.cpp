// Outputs and input gradients of group_norm, instance_norm, normalize, the distances,
// one_hot, embedding_bag, interpolate and the distribution and margin losses against
// PyTorch's (tests/nn/data/extras/nn_extras.json), in float64 and float32.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ExtrasReference.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::extras::ExtrasCase;
using Inputs = std::map<std::string, Tensor>;
using nlohmann::json;

Tensor input_or_undefined(const Inputs& inputs, const std::string& name) {
  const auto it = inputs.find(name);
  return it == inputs.end() ? Tensor() : it->second;
}

ember::LossReduction reduction_of(const json& options) {
  const std::string r = options.at("reduction").get<std::string>();
  if (r == "none") return ember::kNone;
  if (r == "sum") return ember::kSum;
  return ember::kMean;
}

double number(const json& value) {
  if (value.is_string()) {
    const double inf = std::numeric_limits<double>::infinity();
    return value.get<std::string>() == "inf" ? inf : -inf;
  }
  return value.get<double>();
}

F::InterpolateFuncOptions interpolate_options(const json& o) {
  F::InterpolateFuncOptions options;
  if (o.contains("size")) options.size(o.at("size").get<std::vector<int64_t>>());
  if (o.contains("scale_factor")) {
    options.scale_factor(o.at("scale_factor").get<std::vector<double>>());
  }
  if (o.contains("align_corners")) options.align_corners(o.at("align_corners").get<bool>());
  if (o.contains("recompute_scale_factor")) {
    options.recompute_scale_factor(o.at("recompute_scale_factor").get<bool>());
  }
  const std::string mode = o.at("mode").get<std::string>();
  if (mode == "nearest") options.mode(ember::kNearest);
  if (mode == "nearest-exact") options.mode(ember::kNearestExact);
  if (mode == "linear") options.mode(ember::kLinear);
  if (mode == "bilinear") options.mode(ember::kBilinear);
  if (mode == "trilinear") options.mode(ember::kTrilinear);
  return options;
}

ember::nn::EmbeddingBagMode bag_mode(const json& o) {
  const std::string mode = o.at("mode").get<std::string>();
  if (mode == "sum") return ember::kSum;
  if (mode == "max") return ember::kMax;
  return ember::kMean;
}

using CaseFn = std::function<Tensor(const ExtrasCase&, const Inputs&)>;

const std::map<std::string, CaseFn>& functions() {
  static const std::map<std::string, CaseFn> table{
      {"group_norm",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::group_norm(in.at("input"),
                              F::GroupNormFuncOptions(c.options.at("num_groups").get<int64_t>())
                                  .weight(input_or_undefined(in, "weight"))
                                  .bias(input_or_undefined(in, "bias"))
                                  .eps(c.options.at("eps").get<double>()));
       }},
      {"instance_norm",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::instance_norm(in.at("input"),
                                 F::InstanceNormFuncOptions()
                                     .running_mean(input_or_undefined(in, "running_mean"))
                                     .running_var(input_or_undefined(in, "running_var"))
                                     .weight(input_or_undefined(in, "weight"))
                                     .bias(input_or_undefined(in, "bias"))
                                     .use_input_stats(c.options.at("use_input_stats").get<bool>())
                                     .momentum(c.options.at("momentum").get<double>())
                                     .eps(c.options.at("eps").get<double>()));
       }},
      {"normalize",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::normalize(in.at("input"), F::NormalizeFuncOptions()
                                                 .p(number(c.options.at("p")))
                                                 .dim(c.options.at("dim").get<int64_t>())
                                                 .eps(c.options.at("eps").get<double>()));
       }},
      {"cosine_similarity",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::cosine_similarity(in.at("x1"), in.at("x2"),
                                     F::CosineSimilarityFuncOptions()
                                         .dim(c.options.at("dim").get<int64_t>())
                                         .eps(c.options.at("eps").get<double>()));
       }},
      {"pairwise_distance",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::pairwise_distance(in.at("x1"), in.at("x2"),
                                     F::PairwiseDistanceFuncOptions()
                                         .p(number(c.options.at("p")))
                                         .eps(c.options.at("eps").get<double>())
                                         .keepdim(c.options.at("keepdim").get<bool>()));
       }},
      {"cdist",
       [](const ExtrasCase& c, const Inputs& in) {
         return ember::cdist(in.at("x1"), in.at("x2"), number(c.options.at("p")));
       }},
      {"one_hot",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::one_hot(in.at("input"), c.options.at("num_classes").get<int64_t>());
       }},
      {"embedding_bag",
       [](const ExtrasCase& c, const Inputs& in) {
         F::EmbeddingBagFuncOptions options;
         options.offsets(input_or_undefined(in, "offsets"))
             .mode(bag_mode(c.options))
             .per_sample_weights(input_or_undefined(in, "per_sample_weights"))
             .include_last_offset(c.options.at("include_last_offset").get<bool>());
         if (c.options.contains("padding_idx")) {
           options.padding_idx(c.options.at("padding_idx").get<int64_t>());
         }
         return F::embedding_bag(in.at("input"), in.at("weight"), options);
       }},
      {"interpolate",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::interpolate(in.at("input"), interpolate_options(c.options));
       }},
      {"kl_div",
       [](const ExtrasCase& c, const Inputs& in) {
         F::KLDivFuncOptions options;
         const std::string r = c.options.at("reduction").get<std::string>();
         if (r == "batchmean") {
           options.reduction(ember::kBatchMean);
         } else if (r == "none") {
           options.reduction(ember::kNone);
         } else if (r == "sum") {
           options.reduction(ember::kSum);
         }
         return F::kl_div(in.at("input"), in.at("target"),
                          options.log_target(c.options.at("log_target").get<bool>()));
       }},
      {"margin_ranking_loss",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::margin_ranking_loss(in.at("input1"), in.at("input2"), in.at("target"),
                                       F::MarginRankingLossFuncOptions()
                                           .margin(c.options.at("margin").get<double>())
                                           .reduction(reduction_of(c.options)));
       }},
      {"cosine_embedding_loss",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::cosine_embedding_loss(in.at("input1"), in.at("input2"), in.at("target"),
                                         F::CosineEmbeddingLossFuncOptions()
                                             .margin(c.options.at("margin").get<double>())
                                             .reduction(reduction_of(c.options)));
       }},
      {"triplet_margin_loss",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::triplet_margin_loss(in.at("anchor"), in.at("positive"), in.at("negative"),
                                       F::TripletMarginLossFuncOptions()
                                           .margin(c.options.at("margin").get<double>())
                                           .p(c.options.at("p").get<double>())
                                           .eps(c.options.at("eps").get<double>())
                                           .swap(c.options.at("swap").get<bool>())
                                           .reduction(reduction_of(c.options)));
       }},
      {"poisson_nll_loss",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::poisson_nll_loss(in.at("input"), in.at("target"),
                                    F::PoissonNLLLossFuncOptions()
                                        .log_input(c.options.at("log_input").get<bool>())
                                        .full(c.options.at("full").get<bool>())
                                        .eps(c.options.at("eps").get<double>())
                                        .reduction(reduction_of(c.options)));
       }},
      {"gaussian_nll_loss",
       [](const ExtrasCase& c, const Inputs& in) {
         return F::gaussian_nll_loss(in.at("input"), in.at("target"), in.at("var"),
                                     F::GaussianNLLLossFuncOptions()
                                         .full(c.options.at("full").get<bool>())
                                         .eps(c.options.at("eps").get<double>())
                                         .reduction(reduction_of(c.options)));
       }},
  };
  return table;
}

TEST(NnExtrasReference, OutputsAndGradientsMatchPyTorch) {
  const auto cases = ember_test::extras::load_extras_cases();
  ASSERT_GT(cases.size(), 90u);
  std::set<std::string> covered;
  for (const ExtrasCase& c : cases) {
    SCOPED_TRACE(c.name);
    covered.insert(c.fn);
    Inputs inputs;
    std::vector<std::string> names;
    std::vector<Tensor> wrt;
    for (const auto& [name, value] : c.inputs) {
      Tensor t = value.clone();
      if (c.grads.count(name) != 0) {
        t.requires_grad_(true);
        names.push_back(name);
        wrt.push_back(t);
      }
      inputs[name] = t;
    }
    const Tensor out = functions().at(c.fn)(c, inputs);
    const bool is_double = c.output.dtype() == ember::kDouble;
    const double rtol = is_double ? 1e-10 : 2e-5;
    const double atol = is_double ? 1e-12 : 2e-6;
    ASSERT_EQ(out.dtype(), c.output.dtype());
    EXPECT_TRUE(tensors_close(out, c.output, rtol, atol));
    if (c.entry.contains("running_mean_after")) {
      const Tensor mean_after =
          ember_test::losses::tensor_from_json(c.entry.at("running_mean_after"));
      const Tensor var_after =
          ember_test::losses::tensor_from_json(c.entry.at("running_var_after"));
      EXPECT_TRUE(tensors_close(inputs.at("running_mean"), mean_after, rtol, atol));
      EXPECT_TRUE(tensors_close(inputs.at("running_var"), var_after, rtol, atol));
    }
    if (wrt.empty()) continue;
    const auto grads = ember::autograd::grad({out}, wrt, {c.grad_output}, std::nullopt, false,
                                             /*allow_unused=*/true);
    for (size_t i = 0; i < names.size(); ++i) {
      SCOPED_TRACE("gradient of " + names[i]);
      const Tensor grad = grads[i].defined() ? grads[i] : ember::zeros_like(wrt[i]);
      EXPECT_TRUE(tensors_close(grad, c.grads.at(names[i]), rtol, atol));
    }
  }
  EXPECT_EQ(covered.size(), functions().size());
}

}  // namespace
