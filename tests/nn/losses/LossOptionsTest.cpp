// The loss options: libtorch's defaults, construction from a reduction, chaining, the
// FuncOptions aliases, and ATen's reduction codes.

#include <gtest/gtest.h>

#include <type_traits>
#include <variant>

#include "TestUtils.h"
#include "ember/ember.h"

namespace {

namespace nn = ember::nn;
namespace F = ember::nn::functional;

template <class Options>
void expect_reduction_constructors() {
  EXPECT_TRUE(std::holds_alternative<ember::enumtype::kMean>(Options().reduction()));
  EXPECT_TRUE(std::holds_alternative<ember::enumtype::kNone>(Options(ember::kNone).reduction()));
  EXPECT_TRUE(std::holds_alternative<ember::enumtype::kMean>(Options(ember::kMean).reduction()));
  EXPECT_TRUE(std::holds_alternative<ember::enumtype::kSum>(Options(ember::kSum).reduction()));
  EXPECT_TRUE(
      std::holds_alternative<ember::enumtype::kSum>(Options().reduction(ember::kSum).reduction()));
}

TEST(LossOptions, DefaultsAndReductionConstructors) {
  expect_reduction_constructors<nn::MSELossOptions>();
  expect_reduction_constructors<nn::L1LossOptions>();
  expect_reduction_constructors<nn::BCELossOptions>();
  expect_reduction_constructors<nn::BCEWithLogitsLossOptions>();
  expect_reduction_constructors<nn::NLLLossOptions>();
  expect_reduction_constructors<nn::CrossEntropyLossOptions>();
  expect_reduction_constructors<nn::HuberLossOptions>();
  expect_reduction_constructors<nn::SmoothL1LossOptions>();

  const nn::CrossEntropyLossOptions ce;
  EXPECT_EQ(ce.ignore_index(), -100);
  EXPECT_EQ(ce.label_smoothing(), 0.0);
  EXPECT_FALSE(ce.weight().defined());
  EXPECT_EQ(nn::NLLLossOptions().ignore_index(), -100);
  EXPECT_EQ(nn::HuberLossOptions().delta(), 1.0);
  EXPECT_EQ(nn::SmoothL1LossOptions().beta(), 1.0);
  EXPECT_FALSE(nn::BCEWithLogitsLossOptions().pos_weight().defined());
  EXPECT_FALSE(nn::BCELossOptions().weight().defined());

  const auto chained =
      nn::CrossEntropyLossOptions().ignore_index(3).label_smoothing(0.2).reduction(ember::kNone);
  EXPECT_EQ(chained.ignore_index(), 3);
  EXPECT_EQ(chained.label_smoothing(), 0.2);
  EXPECT_EQ(ember::enumtype::get_enum_name(chained.reduction()), "kNone");
}

TEST(LossOptions, FuncOptionsAreTheModuleOptions) {
  static_assert(std::is_same_v<F::MSELossFuncOptions, nn::MSELossOptions>);
  static_assert(std::is_same_v<F::L1LossFuncOptions, nn::L1LossOptions>);
  static_assert(std::is_same_v<F::BinaryCrossEntropyFuncOptions, nn::BCELossOptions>);
  static_assert(
      std::is_same_v<F::BinaryCrossEntropyWithLogitsFuncOptions, nn::BCEWithLogitsLossOptions>);
  static_assert(std::is_same_v<F::NLLLossFuncOptions, nn::NLLLossOptions>);
  static_assert(std::is_same_v<F::CrossEntropyFuncOptions, nn::CrossEntropyLossOptions>);
  static_assert(std::is_same_v<F::HuberLossFuncOptions, nn::HuberLossOptions>);
  static_assert(std::is_same_v<F::SmoothL1LossFuncOptions, nn::SmoothL1LossOptions>);
  // A reduction converts to the options where a function takes them, as in libtorch.
  const ember::Tensor x = ember::tensor({1.0F, 2.0F});
  const ember::Tensor y = ember::tensor({0.0F, 0.0F});
  EXPECT_TRUE(ember_test::tensors_equal(F::mse_loss(x, y, ember::kSum), ember::tensor(5.0F)));
  EXPECT_TRUE(ember_test::tensors_equal(F::l1_loss(x, y, ember::kNone), x));
}

TEST(LossOptions, AtenReductionCodes) {
  EXPECT_EQ(ember::Reduction::None, 0);
  EXPECT_EQ(ember::Reduction::Mean, 1);
  EXPECT_EQ(ember::Reduction::Sum, 2);
  EXPECT_EQ(ember::enumtype::reduction_get_enum(ember::kSum), ember::Reduction::Sum);
  EXPECT_EQ(ember::enumtype::reduction_get_enum(ember::kNone), ember::Reduction::None);
  EXPECT_EQ(ember::enumtype::reduction_get_enum(nn::MSELossOptions().reduction()),
            ember::Reduction::Mean);
  const ember::Tensor x = ember::tensor({1.0F, -3.0F});
  const ember::Tensor y = ember::zeros({2});
  EXPECT_TRUE(ember_test::tensors_equal(ember::mse_loss(x, y), ember::tensor(5.0F)));
  EXPECT_TRUE(
      ember_test::tensors_equal(ember::l1_loss(x, y, ember::Reduction::Sum), ember::tensor(4.0F)));
  EXPECT_TRUE(ember_test::tensors_equal(ember::smooth_l1_loss(x, y, ember::Reduction::None, 2.0),
                                        ember::tensor({0.25F, 2.0F})));
}

}  // namespace
