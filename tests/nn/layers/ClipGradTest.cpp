// nn::utils::clip_grad_norm_ and clip_grad_value_ against PyTorch, and
// parameters_to_vector / vector_to_parameters.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "LayersTestUtils.h"

namespace {

using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;
namespace utils = ember::nn::utils;

/// Two float32 parameters holding the reference gradients.
std::vector<Tensor> parameters_with_grads() {
  Tensor a = ember::zeros({3, 4}).requires_grad_();
  Tensor b = ember::zeros({5}).requires_grad_();
  a.mutable_grad() = REF(clip_g1).to(ember::kFloat);
  b.mutable_grad() = REF(clip_g2).to(ember::kFloat);
  return {a, b};
}

TEST(ClipGradNorm, TotalNormsAndClippedGradientsMatchPyTorch) {
  using namespace layers_reference;
  struct Case {
    double norm_type;
    double total;
    const std::vector<double>& g1;
    const std::vector<double>& g2;
  };
  const double inf = std::numeric_limits<double>::infinity();
  for (const Case& c : {Case{2.0, clip_l2_total, clip_l2_g1, clip_l2_g2},
                        Case{inf, clip_inf_total, clip_inf_g1, clip_inf_g2},
                        Case{1.0, clip_l1_total, clip_l1_g1, clip_l1_g2},
                        Case{3.0, clip_l3_total, clip_l3_g1, clip_l3_g2},
                        Case{0.0, clip_l0_total, clip_l0_g1, clip_l0_g2}}) {
    SCOPED_TRACE(c.norm_type);
    const std::vector<Tensor> params = parameters_with_grads();
    const double total = utils::clip_grad_norm_(params, 1.5, c.norm_type);
    EXPECT_NEAR(total, c.total, 1e-6 * c.total);
    EXPECT_TRUE(tensors_close(params[0].grad(),
                              layers_test::ref(c.g1, clip_g1_shape, ember::kFloat), 1e-6, 1e-7));
    EXPECT_TRUE(tensors_close(params[1].grad(),
                              layers_test::ref(c.g2, clip_g2_shape, ember::kFloat), 1e-6, 1e-7));
  }
}

TEST(ClipGradNorm, SmallNormsLeaveGradientsAndSingleTensorsWork) {
  Tensor a = ember::zeros({3, 4}).requires_grad_();
  a.mutable_grad() = REF(clip_g1).to(ember::kFloat);
  const double total = utils::clip_grad_norm_(a, 100.0);
  EXPECT_NEAR(total, layers_reference::clip_large_total, 1e-6 * total);
  EXPECT_TRUE(tensors_close(a.grad(), REF(clip_g1).to(ember::kFloat), 0, 0));
  // Parameters without gradients are skipped; none at all gives 0.
  Tensor no_grad = ember::zeros({2}).requires_grad_();
  EXPECT_EQ(utils::clip_grad_norm_({no_grad}, 1.0), 0.0);
  EXPECT_NEAR(utils::clip_grad_norm_({a, no_grad}, 100.0), total, 1e-6 * total);
}

TEST(ClipGradNorm, NonFiniteNormsAreAnErrorOnlyWhenAsked) {
  std::vector<Tensor> params = parameters_with_grads();
  params[1].mutable_grad().fill_(std::numeric_limits<float>::infinity());
  EXPECT_TRUE(throws_error_with(
      [&] { utils::clip_grad_norm_(params, 1.0, 2.0, /*error_if_nonfinite=*/true); },
      "The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot "
      "be clipped."));
  EXPECT_TRUE(tensors_close(params[0].grad(), REF(clip_g1).to(ember::kFloat), 0, 0));
  EXPECT_TRUE(std::isinf(utils::clip_grad_norm_(params, 1.0)));
}

TEST(ClipGradNorm, MixedDtypesCombineTheirNorms) {
  Tensor a = ember::zeros({2}).requires_grad_();
  Tensor b = ember::zeros({2}, ember::kDouble).requires_grad_();
  a.mutable_grad() = ember::tensor({3.0f, 0.0f});
  b.mutable_grad() = ember::tensor({0.0, 4.0});
  EXPECT_DOUBLE_EQ(utils::clip_grad_norm_({a, b}, 1.0), 5.0);
  EXPECT_EQ(a.grad().dtype(), ember::kFloat);
  EXPECT_TRUE(tensors_close(a.grad(), ember::tensor({0.6f, 0.0f}), 1e-6, 0));
  EXPECT_TRUE(tensors_close(b.grad(), ember::tensor({0.0, 0.8}), 1e-6, 0));
}

TEST(ClipGradValue, ClampsEveryGradient) {
  const std::vector<Tensor> params = parameters_with_grads();
  utils::clip_grad_value_(params, 0.5);
  EXPECT_TRUE(
      tensors_close(params[0].grad(), REF(clip_g1).to(ember::kFloat).clamp(-0.5, 0.5), 0, 0));
  EXPECT_TRUE(
      tensors_close(params[1].grad(), REF(clip_g2).to(ember::kFloat).clamp(-0.5, 0.5), 0, 0));
  Tensor single = params[0];
  utils::clip_grad_value_(single, 0.25);
  EXPECT_LE(single.grad().abs().max().item<float>(), 0.25f);
}

TEST(ConvertParameters, RoundTripThroughOneVector) {
  Tensor a = ember::arange(6, ember::kFloat).reshape({2, 3}).requires_grad_();
  Tensor b = ember::tensor({10.0f, 11.0f}).requires_grad_();
  const Tensor vec = utils::parameters_to_vector({a, b});
  EXPECT_TRUE(tensors_close(vec, ember::tensor({0.f, 1.f, 2.f, 3.f, 4.f, 5.f, 10.f, 11.f}), 0, 0));
  const Tensor doubled = vec * 2;
  utils::vector_to_parameters(doubled, {a, b});
  EXPECT_TRUE(tensors_close(a, ember::arange(0, 12, 2, ember::kFloat).reshape({2, 3}), 0, 0));
  EXPECT_TRUE(tensors_close(b, ember::tensor({20.0f, 22.0f}), 0, 0));
  EXPECT_TRUE(a.is_leaf());
  EXPECT_TRUE(a.requires_grad());
  // The parameters now share the vector's memory, as in PyTorch.
  EXPECT_EQ(a.data_ptr(), doubled.data_ptr());
  EXPECT_EQ(static_cast<float*>(b.data_ptr()), doubled.data_ptr<float>() + 6);
  EXPECT_TRUE(throws_error_with(
      [&] {
        utils::vector_to_parameters(ember::zeros({7}), {a, b});
      },
      "the vector has 7 elements"));
}

}  // namespace
