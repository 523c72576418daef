// The optimiser API beyond the update formulas: construction forms, parameter groups,
// zero_grad, closures, state dicts, argument checks, the general (non-fused) path and the
// allocation-free steady state.

#include <gtest/gtest.h>

#include "OptimTestUtils.h"
#include "ember/core/CpuMemory.h"

namespace {

using namespace ember_test::optim;  // NOLINT(google-build-using-namespace)
namespace optim = ember::optim;
using ember::Tensor;

const Json& find_case(const std::string& name) {
  for (const auto& c : reference()["cases"])
    if (c["name"] == name) return c;
  throw std::runtime_error("no reference case " + name);
}

int steps() { return reference()["steps"].get<int>(); }

template <class F>
void expect_error_containing(F&& f, const std::string& text) {
  try {
    f();
    ADD_FAILURE() << "expected an ember::Error containing \"" << text << "\"";
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

TEST(Optimizer, ConstructsAsLibtorch) {
  Tensor w = ember::ones({2}).requires_grad_();
  optim::SGD from_lr({w}, 0.05);
  EXPECT_EQ(from_lr.defaults().get_lr(), 0.05);
  optim::SGD chained({w}, optim::SGDOptions(0.1).momentum(0.9).nesterov(true));
  const auto& o = static_cast<const optim::SGDOptions&>(chained.param_groups()[0].options());
  EXPECT_EQ(o.momentum(), 0.9);
  EXPECT_TRUE(o.nesterov());
  optim::Adam adam({w});
  const auto& a = static_cast<const optim::AdamOptions&>(adam.defaults());
  EXPECT_EQ(a.lr(), 1e-3);
  EXPECT_EQ(a.betas(), std::make_tuple(0.9, 0.999));
  EXPECT_EQ(a.eps(), 1e-8);
  EXPECT_EQ(static_cast<const optim::AdamWOptions&>(optim::AdamW({w}).defaults()).weight_decay(),
            1e-2);
  EXPECT_EQ(optim::Adadelta({w}).defaults().get_lr(), 1.0);
  EXPECT_EQ(optim::Adamax({w}).defaults().get_lr(), 2e-3);
  EXPECT_EQ(optim::RMSprop({w}).defaults().get_lr(), 1e-2);
  EXPECT_EQ(static_cast<const optim::AdagradOptions&>(optim::Adagrad({w}).defaults()).eps(), 1e-10);
  EXPECT_EQ(adam.size(), 1u);
  EXPECT_TRUE(adam.parameters()[0].is_same(w));
}

TEST(Optimizer, PerGroupOptionsAndAddParamGroup) {
  // adam_groups: group 0 takes the defaults, group 1 its own options. Building it with
  // add_param_group gives the same training.
  const Json& c = find_case("adam_groups");
  Model model(ember::kFloat64);
  optim::Adam optimizer({model.params[0]}, optim::AdamOptions(0.05));
  optimizer.add_param_group(
      optim::OptimizerParamGroup({model.params[1], model.params[2]},
                                 std::make_unique<optim::AdamOptions>(
                                     optim::AdamOptions(0.02).amsgrad(true).weight_decay(0.1))));
  ASSERT_EQ(optimizer.param_groups().size(), 2u);
  EXPECT_EQ(optimizer.param_groups()[1].options().get_lr(), 0.02);
  EXPECT_EQ(optimizer.size(), 3u);
  for (int i = 0; i < steps(); ++i) model.train_step(optimizer);
  expect_params_near(model.params, c["float64"], 1e-12, "add_param_group");

  // A group without options takes a copy of the defaults.
  Tensor extra = ember::ones({2}).requires_grad_();
  optimizer.add_param_group(optim::OptimizerParamGroup({extra}));
  EXPECT_EQ(optimizer.param_groups()[2].options().get_lr(), 0.05);
  optimizer.param_groups()[2].options().set_lr(0.5);
  EXPECT_EQ(optimizer.defaults().get_lr(), 0.05);
}

TEST(Optimizer, RejectsBadParameterLists) {
  Tensor w = ember::ones({2}).requires_grad_();
  expect_error_containing([&] { optim::SGD(std::vector<Tensor>{}, 0.1); },
                          "optimizer got an empty parameter list");
  expect_error_containing(
      [&] {
        optim::SGD({w, w}, 0.1);
      },
      "some parameters appear in more than one parameter group");
  optim::SGD sgd({w}, 0.1);
  expect_error_containing([&] { sgd.add_param_group(optim::OptimizerParamGroup({w})); },
                          "some parameters appear in more than one parameter group");
  Tensor non_leaf = w * 2;
  expect_error_containing([&] { optim::SGD({non_leaf}, 0.1); }, "can't optimize a non-leaf Tensor");
  expect_error_containing([&] { optim::SGD({Tensor()}, 0.1); }, "undefined");
}

TEST(Optimizer, ZeroGradSetsToNoneOrZeroes) {
  Model model(ember::kFloat32);
  optim::SGD optimizer(model.params, 0.1);
  model.loss().backward();
  for (const auto& p : model.params) ASSERT_TRUE(p.grad().defined());
  optimizer.zero_grad(/*set_to_none=*/false);
  for (const auto& p : model.params) {
    ASSERT_TRUE(p.grad().defined());
    EXPECT_TRUE(ember::equal(p.grad(), ember::zeros_like(p)));
  }
  optimizer.zero_grad();
  for (const auto& p : model.params) EXPECT_FALSE(p.grad().defined());
}

TEST(Optimizer, SkipsParametersWithoutGradient) {
  Tensor used = ember::ones({3}).requires_grad_();
  Tensor unused = ember::ones({3}).requires_grad_();
  optim::Adam optimizer({used, unused}, optim::AdamOptions(0.1));
  (used * used).sum().backward();
  optimizer.step();
  EXPECT_TRUE(ember::equal(unused, ember::ones({3})));
  EXPECT_FALSE(ember::equal(used, ember::ones({3})));
  EXPECT_EQ(optimizer.state().size(), 1u);
  EXPECT_EQ(optimizer.state().count(optim::Optimizer::state_key(unused)), 0u);
}

TEST(Optimizer, StepWithClosureCallsItOnceAndReturnsItsLoss) {
  for (const std::string name : {"sgd_nesterov", "adam_amsgrad", "rmsprop_centered_momentum"}) {
    const Json& c = find_case(name);
    Model model(ember::kFloat64);
    auto optimizer = make_optimizer(c["optimizer"], model.params, c["options"], c["groups"]);
    int calls = 0;
    Tensor last_loss;
    for (int i = 0; i < steps(); ++i) {
      Tensor loss = optimizer->step([&] {
        ++calls;
        EXPECT_TRUE(ember::GradMode::is_enabled());
        optimizer->zero_grad();
        Tensor l = model.loss();
        l.backward();
        last_loss = l;
        return l;
      });
      ASSERT_TRUE(loss.defined());
      EXPECT_TRUE(loss.is_same(last_loss));
    }
    EXPECT_EQ(calls, steps());
    expect_params_near(model.params, c["float64"], 1e-12, name + " with a closure");
    // Without a closure the result is undefined.
    EXPECT_FALSE(optimizer->step().defined());
  }
}

TEST(Optimizer, StepRunsWithoutRecordingAndBumpsVersions) {
  for (const auto& c : reference()["cases"]) {
    Model model(ember::kFloat32);
    auto optimizer = make_optimizer(c["optimizer"], model.params, c["options"], c["groups"]);
    model.loss().backward();
    const uint32_t before = model.params[0]._version();
    optimizer->step();
    EXPECT_GT(model.params[0]._version(), before) << c["name"];
    for (const auto& p : model.params) {
      EXPECT_TRUE(p.is_leaf()) << c["name"];
      EXPECT_FALSE(p.grad_fn()) << c["name"];
    }
  }
}

// Non-contiguous parameters take the general path (public in-place ops): same results.
TEST(Optimizer, GeneralPathMatchesPyTorch) {
  for (const auto& c : reference()["cases"]) {
    for (auto dtype : {ember::kFloat64, ember::kFloat32}) {
      Model model(dtype, /*non_contiguous=*/true);
      ASSERT_FALSE(model.params[0].is_contiguous());
      auto optimizer = make_optimizer(c["optimizer"], model.params, c["options"], c["groups"]);
      for (int i = 0; i < steps(); ++i) model.train_step(*optimizer);
      const bool f64 = dtype == ember::kFloat64;
      expect_params_near(model.params, c[f64 ? "float64" : "float32"], f64 ? 1e-12 : 2e-6,
                         c["name"].get<std::string>() + " (general path)");
    }
  }
}

// Train 3 steps, copy parameters and state into a fresh optimiser, train 3 more: the same as 6
// straight steps.
TEST(Optimizer, StateDictRoundTripContinuesTraining) {
  for (const auto& c : reference()["cases"]) {
    for (auto dtype : {ember::kFloat64, ember::kFloat32}) {
      Model straight(dtype);
      auto straight_optimizer =
          make_optimizer(c["optimizer"], straight.params, c["options"], c["groups"]);
      for (int i = 0; i < 6; ++i) straight.train_step(*straight_optimizer);

      Model first(dtype);
      auto first_optimizer =
          make_optimizer(c["optimizer"], first.params, c["options"], c["groups"]);
      for (int i = 0; i < 3; ++i) first.train_step(*first_optimizer);
      const optim::OptimizerStateDict dict = first_optimizer->state_dict();

      // A fresh model and optimiser with default options: load_state_dict brings the groups'
      // options back too.
      Model second(dtype);
      {
        ember::NoGradGuard no_grad;
        for (size_t k = 0; k < second.params.size(); ++k) second.params[k].copy_(first.params[k]);
      }
      Json groups = c["groups"];
      auto second_optimizer =
          make_optimizer(c["optimizer"], second.params, Json{{"lr", 0.123}}, groups);
      second_optimizer->load_state_dict(dict);
      const optim::OptimizerStateDict loaded = second_optimizer->state_dict();
      EXPECT_EQ(loaded.param_groups_json, dict.param_groups_json);
      EXPECT_EQ(loaded.tensors.keys(), dict.tensors.keys());
      // The loaded state is a copy, not the dict's tensors.
      for (const auto& item : loaded.tensors) {
        EXPECT_TRUE(ember::equal(*item, dict.tensors[item.key()])) << item.key();
        if (!item.key().ends_with(".step")) {
          EXPECT_NE(item->data_ptr(), dict.tensors[item.key()].data_ptr()) << item.key();
        }
      }
      for (int i = 0; i < 3; ++i) second.train_step(*second_optimizer);
      for (size_t k = 0; k < second.params.size(); ++k)
        EXPECT_TRUE(ember::equal(second.params[k], straight.params[k]))
            << c["name"] << " parameter " << k;
    }
  }
}

TEST(Optimizer, LoadStateDictChecksItsInput) {
  Model model(ember::kFloat64);
  optim::Adam optimizer(model.params, optim::AdamOptions(0.1));
  model.train_step(optimizer);
  const optim::OptimizerStateDict good = optimizer.state_dict();

  optim::Adam two_groups(
      std::vector<optim::OptimizerParamGroup>{
          optim::OptimizerParamGroup({model.params[0]}),
          optim::OptimizerParamGroup({model.params[1], model.params[2]})},
      optim::AdamOptions(0.1));
  expect_error_containing([&] { two_groups.load_state_dict(good); },
                          "loaded state dict has a different number of parameter groups");

  optim::Adam fewer({model.params[0], model.params[1]}, optim::AdamOptions(0.1));
  expect_error_containing([&] { fewer.load_state_dict(good); },
                          "doesn't match the size of optimizer's group");

  Model other(ember::kFloat64);
  std::vector<Tensor> reordered{other.params[1], other.params[0], other.params[2]};
  optim::Adam wrong_shapes(reordered, optim::AdamOptions(0.1));
  expect_error_containing([&] { wrong_shapes.load_state_dict(good); }, "has shape");

  optim::OptimizerStateDict missing = good;
  missing.tensors.erase("state.1.exp_avg_sq");
  optim::Adam fresh(other.params, optim::AdamOptions(0.1));
  expect_error_containing([&] { fresh.load_state_dict(missing); }, "\"exp_avg_sq\"");

  optim::OptimizerStateDict bad_json = good;
  bad_json.param_groups_json = "[{";
  expect_error_containing([&] { fresh.load_state_dict(bad_json); }, "not valid JSON");

  optim::OptimizerStateDict bad_name = good;
  bad_name.tensors.insert("state.7.exp_avg", ember::zeros({3}));
  expect_error_containing([&] { fresh.load_state_dict(bad_name); }, "state.7.exp_avg");

  // An SGD state dict does not fit Adam's options.
  optim::SGD sgd(other.params, 0.1);
  expect_error_containing([&] { fresh.load_state_dict(sgd.state_dict()); }, "\"betas\"");
}

TEST(Optimizer, StateDictOfAdagradExistsBeforeTheFirstStep) {
  Model model(ember::kFloat32);
  optim::Adagrad optimizer(model.params, optim::AdagradOptions(0.1).initial_accumulator_value(0.5));
  EXPECT_EQ(optimizer.state().size(), model.params.size());
  const auto dict = optimizer.state_dict();
  EXPECT_TRUE(ember::equal(dict.tensors["state.2.sum"], ember::full({2, 2}, 0.5)));
  EXPECT_EQ(dict.tensors["state.0.step"].item<double>(), 0.0);
}

TEST(Optimizer, RejectsBadArgumentsAsPyTorch) {
  std::vector<Tensor> p{ember::ones({2}).requires_grad_()};
  expect_error_containing([&] { optim::SGD(p, -1); }, "Invalid learning rate: -1");
  expect_error_containing([&] { optim::SGD(p, optim::SGDOptions(0.1).momentum(-1)); },
                          "Invalid momentum value: -1");
  expect_error_containing([&] { optim::SGD(p, optim::SGDOptions(0.1).weight_decay(-1)); },
                          "Invalid weight_decay value: -1");
  expect_error_containing([&] { optim::SGD(p, optim::SGDOptions(0.1).nesterov(true)); },
                          "Nesterov momentum requires a momentum and zero dampening");
  expect_error_containing(
      [&] { optim::SGD(p, optim::SGDOptions(0.1).nesterov(true).momentum(0.9).dampening(0.1)); },
      "Nesterov momentum requires a momentum and zero dampening");
  expect_error_containing([&] { optim::Adam(p, optim::AdamOptions(-0.5)); },
                          "Invalid learning rate: -0.5");
  expect_error_containing([&] { optim::Adam(p, optim::AdamOptions().eps(-1)); },
                          "Invalid epsilon value: -1");
  expect_error_containing(
      [&] {
        optim::Adam(p, optim::AdamOptions().betas({1.0, 0.9}));
      },
      "Invalid beta parameter at index 0: 1");
  expect_error_containing(
      [&] {
        optim::AdamW(p, optim::AdamWOptions().betas({0.9, -0.1}));
      },
      "Invalid beta parameter at index 1: -0.1");
  expect_error_containing([&] { optim::AdamW(p, optim::AdamWOptions().weight_decay(-1)); },
                          "Invalid weight_decay value: -1");
  expect_error_containing([&] { optim::RMSprop(p, optim::RMSpropOptions().alpha(-1)); },
                          "Invalid alpha value: -1");
  expect_error_containing([&] { optim::RMSprop(p, optim::RMSpropOptions().momentum(-1)); },
                          "Invalid momentum value: -1");
  expect_error_containing([&] { optim::RMSprop(p, optim::RMSpropOptions().eps(-1)); },
                          "Invalid epsilon value: -1");
  expect_error_containing([&] { optim::Adagrad(p, optim::AdagradOptions().lr_decay(-1)); },
                          "Invalid lr_decay value: -1");
  expect_error_containing(
      [&] { optim::Adagrad(p, optim::AdagradOptions().initial_accumulator_value(-1)); },
      "Invalid initial_accumulator_value value: -1");
  expect_error_containing([&] { optim::Adadelta(p, optim::AdadeltaOptions().rho(1.1)); },
                          "Invalid rho value: 1.1");
  expect_error_containing([&] { optim::Adadelta(p, optim::AdadeltaOptions(-1)); },
                          "Invalid learning rate: -1");
  expect_error_containing(
      [&] {
        optim::Adamax(p, optim::AdamaxOptions().betas({0.9, 1.0}));
      },
      "Invalid beta parameter at index 1: 1");
}

TEST(Schedulers, RejectBadArguments) {
  Tensor w = ember::ones({2}).requires_grad_();
  optim::SGD sgd({w}, 0.1);
  expect_error_containing([&] { optim::StepLR(sgd, 0); }, "step_size must be positive");
  expect_error_containing([&] { optim::CosineAnnealingLR(sgd, 0); }, "T_max must be positive");
  expect_error_containing(
      [&] { optim::ReduceLROnPlateau(sgd, optim::ReduceLROnPlateau::min, 1.0); },
      "Factor should be < 1.0.");
  expect_error_containing(
      [&] {
        optim::ReduceLROnPlateauScheduler(sgd, optim::ReduceLROnPlateauScheduler::min, 0.1, 10,
                                          1e-4, optim::ReduceLROnPlateauScheduler::rel, 0,
                                          {0.1, 0.2});
      },
      "expected 1 min_lrs, got 2");
}

TEST(Schedulers, ReduceLROnPlateauVerbosePrintsEachReduction) {
  Tensor w = ember::ones({2}).requires_grad_();
  optim::SGD sgd({w}, 0.1);
  optim::ReduceLROnPlateauScheduler scheduler(sgd, optim::ReduceLROnPlateauScheduler::min, 0.1,
                                              /*patience=*/0, 1e-4,
                                              optim::ReduceLROnPlateauScheduler::rel, 0, {}, 1e-8,
                                              /*verbose=*/true);
  ::testing::internal::CaptureStdout();
  scheduler.step(1.0);
  scheduler.step(2.0);
  std::fflush(stdout);
  EXPECT_EQ(::testing::internal::GetCapturedStdout(),
            "Epoch 2: reducing learning rate of group 0 to 1.0000e-02.\n");
  EXPECT_NEAR(sgd.param_groups()[0].options().get_lr(), 0.01, 1e-17);
}

TEST(Schedulers, ReduceLROnPlateauFollowsAddedGroups) {
  using Plateau = optim::ReduceLROnPlateauScheduler;
  Tensor w = ember::ones({2}).requires_grad_();
  Tensor v = ember::ones({2}).requires_grad_();
  optim::SGD sgd({w}, 0.1);
  // One min_lr for all groups also covers a group added later.
  Plateau shared(sgd, Plateau::min, 0.5, /*patience=*/0, 1e-4, Plateau::rel, 0, {0.04});
  sgd.add_param_group(optim::OptimizerParamGroup({v}));
  shared.step(1.0);
  shared.step(2.0);
  EXPECT_EQ(shared.get_last_lr(), (std::vector<double>{0.05, 0.05}));
  shared.step(3.0);
  EXPECT_EQ(shared.get_last_lr(), (std::vector<double>{0.04, 0.04}));

  // One min_lr per group no longer fits once a group is added.
  Tensor u = ember::ones({2}).requires_grad_();
  optim::SGD two(std::vector<optim::OptimizerParamGroup>{optim::OptimizerParamGroup({w}),
                                                         optim::OptimizerParamGroup({v})},
                 0.1);
  Plateau per_group(two, Plateau::min, 0.5, /*patience=*/0, 1e-4, Plateau::rel, 0, {0.01, 0.02});
  two.add_param_group(optim::OptimizerParamGroup({u}));
  per_group.step(1.0);
  expect_error_containing([&] { per_group.step(2.0); },
                          "The number of param groups in the `optimizer` (3) differs");
}

// A steady-state step allocates no tensor memory: state is created on the first step only and
// the fused loops write in place.
TEST(Optimizer, SteadyStateStepAllocatesNothing) {
  for (const auto& c : reference()["cases"]) {
    for (auto dtype : {ember::kFloat32, ember::kFloat64}) {
      Model model(dtype);
      auto optimizer = make_optimizer(c["optimizer"], model.params, c["options"], c["groups"]);
      model.loss().backward();
      optimizer->step();
      optimizer->step();
      const auto before = ember::cpu::memory_stats();
      for (int i = 0; i < 3; ++i) optimizer->step();
      const auto after = ember::cpu::memory_stats();
      EXPECT_EQ(after.system_allocations + after.cache_hits,
                before.system_allocations + before.cache_hits)
          << c["name"];
      EXPECT_EQ(after.bytes_in_use, before.bytes_in_use) << c["name"];
    }
  }
}

}  // namespace
