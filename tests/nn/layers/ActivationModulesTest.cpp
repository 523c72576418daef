// Parameter-free layers: ReLU, Sigmoid, Tanh, GELU, LeakyReLU, Softmax, LogSoftmax, Dropout,
// Flatten and Identity: forward as their functional forms, Python's printing, options,
// train/eval for Dropout, and errors.

#include <gtest/gtest.h>

#include <string>

#include "LayersTestUtils.h"

namespace {

namespace nn = ember::nn;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;
using layers_test::repr;

TEST(ActivationModules, PrintAsPythonsRepr) {
  EXPECT_EQ(repr(nn::ReLU()), "ReLU()");
  EXPECT_EQ(repr(nn::ReLU(true)), "ReLU(inplace=True)");
  EXPECT_EQ(repr(nn::Sigmoid()), "Sigmoid()");
  EXPECT_EQ(repr(nn::Tanh()), "Tanh()");
  EXPECT_EQ(repr(nn::GELU()), "GELU(approximate='none')");
  EXPECT_EQ(repr(nn::GELU(nn::GELUOptions().approximate("tanh"))), "GELU(approximate='tanh')");
  EXPECT_EQ(repr(nn::LeakyReLU()), "LeakyReLU(negative_slope=0.01)");
  EXPECT_EQ(repr(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2).inplace(true))),
            "LeakyReLU(negative_slope=0.2, inplace=True)");
  EXPECT_EQ(repr(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(1))),
            "LeakyReLU(negative_slope=1.0)");
  EXPECT_EQ(repr(nn::Softmax(1)), "Softmax(dim=1)");
  EXPECT_EQ(repr(nn::LogSoftmax(-1)), "LogSoftmax(dim=-1)");
  EXPECT_EQ(repr(nn::Dropout()), "Dropout(p=0.5, inplace=False)");
  EXPECT_EQ(repr(nn::Dropout(nn::DropoutOptions(0.25).inplace(true))),
            "Dropout(p=0.25, inplace=True)");
  EXPECT_EQ(repr(nn::Dropout(0)), "Dropout(p=0.0, inplace=False)");
  EXPECT_EQ(repr(nn::Flatten()), "Flatten(start_dim=1, end_dim=-1)");
  EXPECT_EQ(repr(nn::Flatten(nn::FlattenOptions().start_dim(0).end_dim(2))),
            "Flatten(start_dim=0, end_dim=2)");
  EXPECT_EQ(repr(nn::Identity()), "Identity()");
  EXPECT_EQ(nn::LeakyReLU()->name(), "LeakyReLU");
}

TEST(ActivationModules, ForwardMatchesPyTorch) {
  const Tensor x = REF(act_x);
  EXPECT_TRUE(tensors_close(nn::ReLU()(x), REF(relu_out), 0, 0));
  EXPECT_TRUE(tensors_close(nn::Sigmoid()(x), REF(sigmoid_out), 1e-14, 1e-15));
  EXPECT_TRUE(tensors_close(nn::Tanh()(x), REF(tanh_out), 1e-14, 1e-15));
  EXPECT_TRUE(tensors_close(nn::GELU()(x), REF(gelu_out), 1e-14, 1e-15));
  EXPECT_TRUE(tensors_close(nn::GELU(nn::GELUOptions().approximate("tanh"))(x), REF(gelu_tanh_out),
                            1e-14, 1e-15));
  EXPECT_TRUE(tensors_close(nn::LeakyReLU()(x), REF(leaky_relu_out), 0, 0));
  EXPECT_TRUE(tensors_close(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2))(x),
                            REF(leaky_relu_02_out), 0, 0));
  EXPECT_TRUE(tensors_close(nn::Softmax(0)(x), REF(softmax_0_out), 1e-14, 1e-15));
  EXPECT_TRUE(tensors_close(nn::LogSoftmax(1)(x), REF(log_softmax_1_out), 1e-14, 1e-15));
  // Gradients flow through the modules as through the functions.
  const Tensor leaf = REF(act_x).requires_grad_();
  (nn::GELU()(leaf) * REF(act_grad_out)).sum().backward();
  EXPECT_TRUE(tensors_close(leaf.grad(), REF(gelu_grad), 1e-12, 1e-14));
}

TEST(ActivationModules, InplaceOptionsModifyTheInput) {
  Tensor x = REF(act_x).clone();
  EXPECT_TRUE(nn::ReLU(nn::ReLUOptions().inplace(true))(x).is_same(x));
  EXPECT_TRUE(tensors_close(x, REF(relu_out), 0, 0));
  Tensor y = REF(act_x).clone();
  EXPECT_TRUE(nn::LeakyReLU(nn::LeakyReLUOptions().inplace(true))(y).is_same(y));
  EXPECT_TRUE(tensors_close(y, REF(leaky_relu_out), 0, 0));
  Tensor z = REF(act_x).clone();
  nn::ReLU()(z);
  EXPECT_TRUE(tensors_close(z, REF(act_x), 0, 0));
}

TEST(ActivationModules, SequentialOfLayersPrintsAndRuns) {
  nn::Sequential model(nn::Flatten(), nn::LayerNorm(std::vector<int64_t>{12}), nn::GELU(),
                       nn::Dropout(0.1), nn::Identity(), nn::LogSoftmax(1));
  EXPECT_EQ(repr(model),
            "Sequential(\n"
            "  (0): Flatten(start_dim=1, end_dim=-1)\n"
            "  (1): LayerNorm((12,), eps=1e-05, elementwise_affine=True, bias=True)\n"
            "  (2): GELU(approximate='none')\n"
            "  (3): Dropout(p=0.1, inplace=False)\n"
            "  (4): Identity()\n"
            "  (5): LogSoftmax(dim=1)\n"
            ")");
  model->eval();
  const Tensor out = model->forward(ember::randn({2, 3, 4}));
  EXPECT_EQ(out.sizes().vec(), (std::vector<int64_t>{2, 12}));
  EXPECT_TRUE(tensors_close(out.exp().sum(1), ember::ones({2}), 1e-5, 1e-6));
}

TEST(DropoutModule, TrainingDropsAndEvalIsTheIdentity) {
  ember::manual_seed(4);
  nn::Dropout dropout(0.3);
  EXPECT_TRUE(dropout->is_training());
  const Tensor x = ember::ones({100000});
  const Tensor y = dropout(x);
  const double kept = y.ne(0).to(ember::kDouble).mean().item<double>();
  EXPECT_NEAR(kept, 0.7, 0.01);
  // Kept elements are scaled by 1 / (1 - p).
  EXPECT_TRUE(
      tensors_close(y.masked_fill(y.eq(0), 1 / 0.7), ember::full({100000}, 1 / 0.7), 1e-6, 0));
  dropout->eval();
  EXPECT_TRUE(dropout(x).is_same(x));
  dropout->train();
  EXPECT_FALSE(dropout(x).is_same(x));
}

TEST(DropoutModule, BadProbabilityIsAnErrorAtConstruction) {
  EXPECT_TRUE(throws_error_with([] { nn::Dropout(1.5); },
                                "dropout probability has to be between 0 and 1, but got 1.5"));
  EXPECT_TRUE(throws_error_with([] { nn::Dropout(-0.5); },
                                "dropout probability has to be between 0 and 1, but got -0.5"));
}

TEST(FlattenModule, FlattensTheGivenDimsAndChecksThem) {
  const Tensor x = ember::randn({2, 3, 4, 5});
  EXPECT_EQ(nn::Flatten()(x).sizes().vec(), (std::vector<int64_t>{2, 60}));
  EXPECT_EQ(nn::Flatten(nn::FlattenOptions().start_dim(0).end_dim(-2))(x).sizes().vec(),
            (std::vector<int64_t>{24, 5}));
  EXPECT_EQ(nn::Flatten(nn::FlattenOptions().start_dim(-3).end_dim(2))(x).sizes().vec(),
            (std::vector<int64_t>{2, 12, 5}));
  EXPECT_THROW(nn::Flatten(nn::FlattenOptions().start_dim(2).end_dim(1))(x), ember::Error);
  EXPECT_THROW(nn::Flatten(nn::FlattenOptions().start_dim(4))(x), ember::Error);
  EXPECT_THROW(nn::Flatten(nn::FlattenOptions().end_dim(-5))(x), ember::Error);
}

TEST(IdentityModule, ReturnsItsInput) {
  const Tensor x = ember::randn({3});
  EXPECT_TRUE(nn::Identity()(x).is_same(x));
}

TEST(ActivationModules, BadOptionsAreEmberErrors) {
  EXPECT_TRUE(
      throws_error_with([] { nn::GELU(nn::GELUOptions().approximate("fast"))(ember::ones({2})); },
                        "approximate argument must be either none or tanh"));
  EXPECT_THROW(nn::Softmax(3)(ember::ones({2, 2})), ember::Error);
  EXPECT_THROW(nn::LogSoftmax(-3)(ember::ones({2, 2})), ember::Error);
}

TEST(ActivationModules, CloneKeepsTheOptions) {
  nn::LeakyReLU leaky(nn::LeakyReLUOptions().negative_slope(0.3));
  const auto copy = std::dynamic_pointer_cast<nn::LeakyReLUImpl>(leaky->clone());
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->options.negative_slope(), 0.3);
  nn::Dropout dropout(0.2);
  const auto dropout_copy = std::dynamic_pointer_cast<nn::DropoutImpl>(dropout->clone());
  ASSERT_NE(dropout_copy, nullptr);
  EXPECT_EQ(dropout_copy->options.p(), 0.2);
}

}  // namespace
