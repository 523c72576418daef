// F::layer_norm against PyTorch (with and without weight and bias, several trailing dims,
// float32), gradient checks, and PyTorch's shape errors.

#include <gtest/gtest.h>

#include "LayersTestUtils.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;

TEST(LayerNormFunctional, AffineValuesAndGradientsMatchPyTorch) {
  const Tensor x = REF(ln_x).requires_grad_();
  const Tensor w = REF(ln_w).requires_grad_();
  const Tensor b = REF(ln_b).requires_grad_();
  const Tensor out = F::layer_norm(x, F::LayerNormFuncOptions({4}).weight(w).bias(b));
  EXPECT_TRUE(tensors_close(out, REF(ln_affine_out), 1e-12, 1e-14));
  (out * REF(ln_grad_out)).sum().backward();
  EXPECT_TRUE(tensors_close(x.grad(), REF(ln_affine_grad_x), 1e-10, 1e-13));
  EXPECT_TRUE(tensors_close(w.grad(), REF(ln_affine_grad_w), 1e-12, 1e-14));
  EXPECT_TRUE(tensors_close(b.grad(), REF(ln_affine_grad_b), 1e-12, 1e-14));
}

TEST(LayerNormFunctional, TwoTrailingDimsWithoutAffineMatchPyTorch) {
  const Tensor x = REF(ln_x).requires_grad_();
  const Tensor out = F::layer_norm(x, F::LayerNormFuncOptions({3, 4}).eps(1e-3));
  EXPECT_TRUE(tensors_close(out, REF(ln_plain_out), 1e-12, 1e-14));
  (out * REF(ln_grad_out)).sum().backward();
  EXPECT_TRUE(tensors_close(x.grad(), REF(ln_plain_grad_x), 1e-10, 1e-13));
}

TEST(LayerNormFunctional, FloatInputsAreCloseToPyTorch) {
  const Tensor out =
      F::layer_norm(REF(ln_x).to(ember::kFloat), F::LayerNormFuncOptions({4})
                                                     .weight(REF(ln_w).to(ember::kFloat))
                                                     .bias(REF(ln_b).to(ember::kFloat)));
  EXPECT_EQ(out.dtype(), ember::kFloat);
  EXPECT_TRUE(tensors_close(out, REF(ln_float_out).to(ember::kFloat), 1e-5, 1e-6));
}

TEST(LayerNormFunctional, FirstAndSecondDerivativesPassGradcheck) {
  layers_test::expect_gradients_check(
      [](const auto& in) {
        return std::vector<Tensor>{
            F::layer_norm(in[0], F::LayerNormFuncOptions({4}).weight(in[1]).bias(in[2]))};
      },
      {REF(ln_x).requires_grad_(), REF(ln_w).requires_grad_(), REF(ln_b).requires_grad_()});
  layers_test::expect_gradients_check(
      [](const auto& in) {
        return std::vector<Tensor>{F::layer_norm(in[0], F::LayerNormFuncOptions({3, 4}))};
      },
      {REF(ln_x).requires_grad_()});
}

TEST(LayerNormFunctional, ShapeMismatchesThrowPyTorchsErrors) {
  const Tensor x = REF(ln_x);
  EXPECT_TRUE(throws_error_with([&] { F::layer_norm(x, F::LayerNormFuncOptions({3})); },
                                "Given normalized_shape=[3], expected input with shape [*, 3], but "
                                "got input of size[2, 3, 4]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::layer_norm(x, F::LayerNormFuncOptions({1, 2, 3, 4}));
      },
      "expected input with shape [*, 1, 2, 3, 4]"));
  EXPECT_TRUE(throws_error_with(
      [&] { F::layer_norm(x, F::LayerNormFuncOptions({4}).weight(ember::ones({3}))); },
      "Expected weight to be of same shape as normalized_shape, but got weight of shape [3] and "
      "normalized_shape = [4]"));
  EXPECT_TRUE(throws_error_with(
      [&] {
        F::layer_norm(x, F::LayerNormFuncOptions({4}).bias(ember::ones({4, 1})));
      },
      "Expected bias to be of same shape as normalized_shape, but got bias of shape [4, 1]"));
  EXPECT_TRUE(throws_error_with([&] { F::layer_norm(x, F::LayerNormFuncOptions({})); },
                                "Expected normalized_shape to be at least 1-dimensional"));
}

}  // namespace
