// The loss modules: the same results as nn::functional on every reference case, their
// buffers, printing, to(dtype) and clone().

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "LossReference.h"
#include "TestUtils.h"
#include "ember/ember.h"

namespace {

namespace nn = ember::nn;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::tensors_equal;
using ember_test::losses::LossCase;
using ember_test::losses::reduction_of;

/// The loss of `c` through its module, built from libtorch's options.
Tensor module_loss(const LossCase& c, const Tensor& input, const Tensor& target) {
  const ember::LossReduction reduction = reduction_of(c);
  if (c.loss == "mse_loss")
    return nn::MSELoss(nn::MSELossOptions().reduction(reduction))(input, target);
  if (c.loss == "l1_loss")
    return nn::L1Loss(nn::L1LossOptions().reduction(reduction))(input, target);
  if (c.loss == "huber_loss") {
    return nn::HuberLoss(nn::HuberLossOptions().reduction(reduction).delta(c.delta))(input, target);
  }
  if (c.loss == "smooth_l1_loss") {
    return nn::SmoothL1Loss(nn::SmoothL1LossOptions().reduction(reduction).beta(c.beta))(input,
                                                                                         target);
  }
  if (c.loss == "binary_cross_entropy") {
    return nn::BCELoss(nn::BCELossOptions().reduction(reduction).weight(c.weight))(input, target);
  }
  if (c.loss == "binary_cross_entropy_with_logits") {
    return nn::BCEWithLogitsLoss(
        nn::BCEWithLogitsLossOptions().reduction(reduction).weight(c.weight).pos_weight(
            c.pos_weight))(input, target);
  }
  if (c.loss == "nll_loss") {
    return nn::NLLLoss(nn::NLLLossOptions().reduction(reduction).weight(c.weight).ignore_index(
        c.ignore_index))(input, target);
  }
  if (c.loss == "cross_entropy") {
    return nn::CrossEntropyLoss(nn::CrossEntropyLossOptions()
                                    .reduction(reduction)
                                    .weight(c.weight)
                                    .ignore_index(c.ignore_index)
                                    .label_smoothing(c.label_smoothing))(input, target);
  }
  throw std::runtime_error("unknown loss " + c.loss);
}

TEST(LossModule, EveryCaseMatchesPyTorch) { ember_test::losses::check_all_cases(module_loss); }

std::string printed(const nn::Module& module) {
  std::ostringstream os;
  os << module;
  return os.str();
}

TEST(LossModule, PrintsAsPython) {
  EXPECT_EQ(printed(*nn::MSELoss()), "MSELoss()");
  EXPECT_EQ(printed(*nn::L1Loss(ember::kSum)), "L1Loss()");
  EXPECT_EQ(printed(*nn::HuberLoss(nn::HuberLossOptions().delta(0.5))), "HuberLoss()");
  EXPECT_EQ(printed(*nn::SmoothL1Loss()), "SmoothL1Loss()");
  EXPECT_EQ(printed(*nn::BCELoss()), "BCELoss()");
  EXPECT_EQ(printed(*nn::BCEWithLogitsLoss()), "BCEWithLogitsLoss()");
  EXPECT_EQ(printed(*nn::NLLLoss()), "NLLLoss()");
  EXPECT_EQ(printed(*nn::CrossEntropyLoss(nn::CrossEntropyLossOptions().label_smoothing(0.1))),
            "CrossEntropyLoss()");
  nn::Sequential model(nn::Linear(3, 2), nn::CrossEntropyLoss());
  EXPECT_EQ(printed(*model),
            "Sequential(\n  (0): Linear(in_features=3, out_features=2, bias=True)\n"
            "  (1): CrossEntropyLoss()\n)");
}

TEST(LossModule, TensorOptionsAreBuffersAndFollowTheModule) {
  const Tensor w = ember::tensor({1.0F, 2.0F, 0.5F});
  nn::CrossEntropyLoss ce(nn::CrossEntropyLossOptions().weight(w));
  ASSERT_EQ(ce->named_buffers().keys(), std::vector<std::string>{"weight"});
  EXPECT_TRUE(tensors_equal(ce->named_buffers()["weight"], w));
  EXPECT_TRUE(ce->parameters().empty());

  nn::BCEWithLogitsLoss bce(nn::BCEWithLogitsLossOptions().pos_weight(w));
  EXPECT_EQ(bce->named_buffers().keys(), std::vector<std::string>{"pos_weight"});
  EXPECT_FALSE(bce->weight.defined());
  EXPECT_TRUE(nn::MSELoss()->buffers().empty());
  EXPECT_TRUE(nn::NLLLoss()->buffers().empty());

  // to(kDouble) converts the weight, and forward uses the converted buffer.
  ce->to(ember::kDouble);
  EXPECT_EQ(ce->weight.dtype(), ember::kDouble);
  const Tensor logits = ember::tensor({{1.0, -1.0, 0.5}, {0.2, 0.3, -2.0}}, ember::kDouble);
  const Tensor labels = ember::tensor({2, 0});
  EXPECT_TRUE(tensors_close(
      ce(logits, labels),
      nn::functional::cross_entropy(
          logits, labels, nn::functional::CrossEntropyFuncOptions().weight(w.to(ember::kDouble)))));
}

TEST(LossModule, CloneCopiesTheBuffers) {
  const Tensor w = ember::tensor({1.0, 2.0, 3.0});
  nn::NLLLoss loss(nn::NLLLossOptions().weight(w).ignore_index(1));
  auto copy = std::dynamic_pointer_cast<nn::NLLLossImpl>(loss->clone());
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->options.ignore_index(), 1);
  EXPECT_TRUE(tensors_equal(copy->weight, w));
  copy->weight.mul_(2);
  EXPECT_TRUE(tensors_equal(loss->weight, ember::tensor({1.0, 2.0, 3.0})));
  EXPECT_TRUE(tensors_equal(copy->named_buffers()["weight"], ember::tensor({2.0, 4.0, 6.0})));
}

TEST(LossModule, ForwardEqualsFunctional) {
  ember::manual_seed(3);
  const Tensor x = ember::randn({4, 3});
  const Tensor y = ember::randn({4, 3});
  EXPECT_TRUE(tensors_equal(
      nn::MSELoss(ember::kSum)(x, y),
      nn::functional::mse_loss(x, y, nn::functional::MSELossFuncOptions(ember::kSum))));
  EXPECT_TRUE(tensors_equal(nn::SmoothL1Loss(nn::SmoothL1LossOptions(ember::kNone).beta(0.3))(x, y),
                            nn::functional::smooth_l1_loss(x, y, ember::kNone, 0.3)));
  EXPECT_TRUE(tensors_equal(nn::HuberLoss(nn::HuberLossOptions(ember::kNone).delta(0.3))(x, y),
                            ember::huber_loss(x, y, ember::Reduction::None, 0.3)));
}

}  // namespace
