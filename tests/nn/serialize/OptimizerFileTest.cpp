// Optimiser files: training resumed from a saved model and optimiser continues exactly as if
// it had never stopped; files of another kind or another optimiser's shape are refused.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;

nn::Sequential make_model() {
  nn::Linear first(3, 4);
  nn::Linear last(4, 1);
  return nn::Sequential(first, nn::Tanh(), last);
}

void train(nn::Sequential& model, optim::Optimizer& optimizer, const Tensor& x, const Tensor& y,
           int steps) {
  for (int i = 0; i < steps; ++i) {
    optimizer.zero_grad();
    nn::functional::mse_loss(model->forward(x), y).backward();
    optimizer.step();
  }
}

TEST(OptimizerFile, ResumedTrainingMatchesUninterruptedTraining) {
  ember_test::TempDir dir;
  manual_seed(0);
  const Tensor x = ember::randn({8, 3}), y = ember::randn({8, 1});
  nn::Sequential straight = make_model();
  auto resumed = std::dynamic_pointer_cast<nn::SequentialImpl>(straight->clone());
  ASSERT_NE(resumed, nullptr);
  nn::Sequential interrupted(resumed);

  optim::Adam straight_adam(straight->parameters(), optim::AdamOptions(0.05).amsgrad(true));
  train(straight, straight_adam, x, y, 6);

  optim::Adam adam(interrupted->parameters(), optim::AdamOptions(0.05).amsgrad(true));
  train(interrupted, adam, x, y, 3);
  ember::save(interrupted, dir.file("model.safetensors"));
  ember::save(adam, dir.file("adam.safetensors"));

  // A fresh process would rebuild both from scratch, then load.
  manual_seed(123);
  nn::Sequential restarted = make_model();
  optim::Adam restarted_adam(restarted->parameters(), optim::AdamOptions(0.05).amsgrad(true));
  ember::load(restarted, dir.file("model.safetensors"));
  ember::load(restarted_adam, dir.file("adam.safetensors"));
  train(restarted, restarted_adam, x, y, 3);

  const auto want = straight->named_parameters();
  const auto got = restarted->named_parameters();
  ASSERT_EQ(want.keys(), got.keys());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_TRUE(ember::equal(want[i].value(), got[i].value())) << want[i].key();
  }
  EXPECT_EQ(ember::safetensors::load_metadata(dir.file("adam.safetensors")).count("param_groups"),
            1u);
}

TEST(OptimizerFile, RefusesOtherFiles) {
  ember_test::TempDir dir;
  nn::Sequential model = make_model();
  optim::SGD sgd(model->parameters(), optim::SGDOptions(0.1).momentum(0.9));
  ember::save(model, dir.file("model.safetensors"));
  try {
    ember::load(sgd, dir.file("model.safetensors"));
    FAIL() << "expected ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find("is not an optimizer file"), std::string::npos)
        << e.what();
  }
  // An optimiser over fewer parameters cannot take this state.
  const Tensor x = ember::randn({2, 3}), y = ember::randn({2, 1});
  train(model, sgd, x, y, 1);
  ember::save(sgd, dir.file("sgd.safetensors"));
  optim::SGD smaller(std::vector<Tensor>{model->parameters()[0]},
                     optim::SGDOptions(0.1).momentum(0.9));
  EXPECT_THROW(ember::load(smaller, dir.file("sgd.safetensors")), ember::Error);
  EXPECT_THROW(ember::load(sgd, dir.file("missing.safetensors")), ember::Error);
}

}  // namespace
