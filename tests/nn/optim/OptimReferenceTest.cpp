// Every optimiser with every option, and every scheduler, against PyTorch's results
// (tests/nn/data/optim/reference.json from tests/reference/gen_optim.py).

#include <gtest/gtest.h>

#include "OptimTestUtils.h"

namespace {

using namespace ember_test::optim;  // NOLINT(google-build-using-namespace)
namespace optim = ember::optim;

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& c : reference()["cases"]) names.push_back(c["name"].get<std::string>());
  return names;
}

const Json& find_case(const std::string& name) {
  for (const auto& c : reference()["cases"])
    if (c["name"] == name) return c;
  throw std::runtime_error("no reference case " + name);
}

class OptimReference : public ::testing::TestWithParam<std::string> {};

TEST_P(OptimReference, Float64MatchesPyTorch) {
  const Json& c = find_case(GetParam());
  Model model(ember::kFloat64);
  auto optimizer = make_optimizer(c["optimizer"], model.params, c["options"], c["groups"]);
  for (int i = 0; i < reference()["steps"].get<int>(); ++i) model.train_step(*optimizer);
  expect_params_near(model.params, c["float64"], 1e-12, GetParam());
}

TEST_P(OptimReference, Float32MatchesPyTorch) {
  const Json& c = find_case(GetParam());
  Model model(ember::kFloat32);
  auto optimizer = make_optimizer(c["optimizer"], model.params, c["options"], c["groups"]);
  for (int i = 0; i < reference()["steps"].get<int>(); ++i) model.train_step(*optimizer);
  expect_params_near(model.params, c["float32"], 2e-6, GetParam());
}

// The state dict has Python's groups (options and parameter ids) and state keys.
TEST_P(OptimReference, StateDictHasPythonsLayout) {
  const Json& c = find_case(GetParam());
  Model model(ember::kFloat64);
  auto optimizer = make_optimizer(c["optimizer"], model.params, c["options"], c["groups"]);
  for (int i = 0; i < reference()["steps"].get<int>(); ++i) model.train_step(*optimizer);
  const optim::OptimizerStateDict dict = optimizer->state_dict();
  const Json groups = Json::parse(dict.param_groups_json);
  ASSERT_EQ(groups.size(), c["param_groups"].size());
  for (size_t g = 0; g < groups.size(); ++g) {
    const Json& want = c["param_groups"][g];
    EXPECT_EQ(groups[g].size(), want.size()) << groups[g].dump() << " vs " << want.dump();
    for (const auto& [key, value] : want.items()) {
      ASSERT_TRUE(groups[g].contains(key)) << key;
      if (value.is_number()) {
        EXPECT_DOUBLE_EQ(groups[g][key].get<double>(), value.get<double>()) << key;
      } else if (key == "betas") {
        EXPECT_DOUBLE_EQ(groups[g][key][0].get<double>(), value[0].get<double>());
        EXPECT_DOUBLE_EQ(groups[g][key][1].get<double>(), value[1].get<double>());
      } else {
        EXPECT_EQ(groups[g][key], value) << key;
      }
    }
  }
  std::vector<std::string> want_names;
  for (const auto& [index, keys] : c["state_keys"].items())
    for (const auto& key : keys)
      want_names.push_back("state." + index + "." + key.get<std::string>());
  EXPECT_EQ(dict.tensors.keys(), want_names);
  for (const auto& item : dict.tensors) {
    if (item.key().ends_with(".step")) {
      EXPECT_EQ(item.value().dim(), 0);
      EXPECT_EQ(item.value().dtype(), ember::kFloat32);
      EXPECT_EQ(item.value().item<double>(), reference()["steps"].get<double>());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, OptimReference, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

TEST(OptimReference, TrainingWithStepLRMatchesPyTorch) {
  const Json& c = reference()["scheduled_training"];
  for (auto dtype : {ember::kFloat64, ember::kFloat32}) {
    Model model(dtype);
    auto optimizer = make_optimizer("SGD", model.params, c["options"]);
    optim::StepLR scheduler(*optimizer, c["step_size"].get<unsigned>(), c["gamma"].get<double>());
    for (int i = 0; i < reference()["steps"].get<int>(); ++i) {
      model.train_step(*optimizer);
      scheduler.step();
    }
    const bool f64 = dtype == ember::kFloat64;
    expect_params_near(model.params, c[f64 ? "float64" : "float32"], f64 ? 1e-12 : 2e-6,
                       "SGD with StepLR");
  }
}

// A 4-8-3 MLP of nn::Linear layers (PyTorch's initialisation after manual_seed(0)), tanh
// between them, mean squared error: the optimisers on a model's parameters.
TEST(OptimReference, MlpOfLinearLayersMatchesPyTorch) {
  for (const auto& c : reference()["mlp"]) {
    for (auto dtype : {ember::kFloat64, ember::kFloat32}) {
      ember::manual_seed(0);
      ember::nn::Linear l1(4, 8);
      ember::nn::Linear l2(8, 3);
      ember::Tensor x = ember::randn({6, 4});
      ember::Tensor y = ember::randn({6, 3});
      l1->to(dtype);
      l2->to(dtype);
      x = x.to(dtype);
      y = y.to(dtype);
      std::vector<ember::Tensor> params = l1->parameters();
      for (const auto& p : l2->parameters()) params.push_back(p);
      auto optimizer = make_optimizer(c["optimizer"], params, c["options"]);
      for (int i = 0; i < reference()["steps"].get<int>(); ++i) {
        optimizer->zero_grad();
        (l2(l1(x).tanh()) - y).square().mean().backward();
        optimizer->step();
      }
      const bool f64 = dtype == ember::kFloat64;
      expect_params_near({l1->weight, l1->bias, l2->weight, l2->bias},
                         c[f64 ? "float64" : "float32"], f64 ? 1e-10 : 1e-5,
                         c["optimizer"].get<std::string>() + " on an MLP");
    }
  }
}

// Two groups (lr 0.1 and 0.05) as in the reference.
struct TwoGroups {
  TwoGroups()
      : w(ember::zeros({2}).requires_grad_()),
        v(ember::zeros({2}).requires_grad_()),
        optimizer(
            std::vector<optim::OptimizerParamGroup>{
                optim::OptimizerParamGroup({w}),
                optim::OptimizerParamGroup({v}, std::make_unique<optim::SGDOptions>(0.05))},
            optim::SGDOptions(0.1)) {}
  ember::Tensor w, v;
  optim::SGD optimizer;
};

std::unique_ptr<optim::LRScheduler> make_scheduler(const Json& c, optim::Optimizer& optimizer) {
  const std::string name = c["scheduler"];
  const Json& args = c["args"];
  if (name == "StepLR")
    return std::make_unique<optim::StepLR>(optimizer, args["step_size"].get<unsigned>(),
                                           args.value("gamma", 0.1));
  if (name == "MultiStepLR")
    return std::make_unique<optim::MultiStepLR>(
        optimizer, args["milestones"].get<std::vector<int64_t>>(), args.value("gamma", 0.1));
  if (name == "ExponentialLR")
    return std::make_unique<optim::ExponentialLR>(optimizer, args["gamma"].get<double>());
  if (name == "CosineAnnealingLR")
    return std::make_unique<optim::CosineAnnealingLR>(optimizer, args["T_max"].get<int64_t>(),
                                                      args.value("eta_min", 0.0));
  throw std::runtime_error("unknown scheduler " + name);
}

TEST(OptimReference, SchedulersMatchPyTorch) {
  for (const auto& c : reference()["schedulers"]) {
    TwoGroups model;
    auto scheduler = make_scheduler(c, model.optimizer);
    const Json& lrs = c["lrs"];
    for (size_t step = 0; step < lrs.size(); ++step) {
      if (step > 0) {
        model.optimizer.step();
        scheduler->step();
      }
      const auto want = lrs[step].get<std::vector<double>>();
      const auto& got = scheduler->get_last_lr();
      ASSERT_EQ(got.size(), want.size());
      for (size_t g = 0; g < want.size(); ++g) {
        EXPECT_NEAR(got[g], want[g], 1e-15 * std::abs(want[g]))
            << c["name"] << " step " << step << " group " << g;
        EXPECT_EQ(model.optimizer.param_groups()[g].options().get_lr(), got[g]);
      }
    }
    EXPECT_EQ(scheduler->last_epoch(), lrs.size() - 1);
  }
}

TEST(OptimReference, ReduceLROnPlateauMatchesPyTorch) {
  using Plateau = optim::ReduceLROnPlateauScheduler;
  for (const auto& c : reference()["plateau"]) {
    const Json& args = c["args"];
    std::vector<double> min_lr;
    if (args.contains("min_lr")) {
      if (args["min_lr"].is_array()) {
        min_lr = args["min_lr"].get<std::vector<double>>();
      } else {
        min_lr = {args["min_lr"].get<double>()};
      }
    }
    TwoGroups model;
    Plateau scheduler(
        model.optimizer, args.value("mode", "min") == "min" ? Plateau::min : Plateau::max,
        args.value("factor", 0.1), args.value("patience", 10), args.value("threshold", 1e-4),
        args.value("threshold_mode", "rel") == "rel" ? Plateau::rel : Plateau::abs,
        args.value("cooldown", 0), min_lr, args.value("eps", 1e-8));
    const auto metrics = c["metrics"].get<std::vector<double>>();
    for (size_t i = 0; i < metrics.size(); ++i) {
      model.optimizer.step();
      scheduler.step(metrics[i]);
      const auto want = c["lrs"][i].get<std::vector<double>>();
      for (size_t g = 0; g < want.size(); ++g)
        EXPECT_NEAR(scheduler.get_last_lr()[g], want[g], 1e-15 * std::abs(want[g]))
            << c["name"] << " epoch " << i << " group " << g;
    }
  }
}

}  // namespace
