// nn::LayerNorm: PyTorch's initialisation (ones and zeros), forward and gradients as
// F::layer_norm, printing, options and errors.

#include <gtest/gtest.h>

#include <string>

#include "LayersTestUtils.h"

namespace {

namespace nn = ember::nn;
using ember::Tensor;
using ember_test::tensors_close;
using ember_test::throws_error_with;
using layers_test::repr;

TEST(LayerNormModule, InitialisesWeightToOnesAndBiasToZeros) {
  nn::LayerNorm norm(nn::LayerNormOptions({2, 3}));
  EXPECT_TRUE(tensors_close(norm->weight, ember::ones({2, 3}), 0, 0));
  EXPECT_TRUE(tensors_close(norm->bias, ember::zeros({2, 3}), 0, 0));
  EXPECT_TRUE(norm->weight.requires_grad());
  EXPECT_EQ(norm->named_parameters().keys(), (std::vector<std::string>{"weight", "bias"}));
  nn::LayerNorm plain(nn::LayerNormOptions({3}).elementwise_affine(false));
  EXPECT_FALSE(plain->weight.defined());
  EXPECT_TRUE(plain->parameters().empty());
  nn::LayerNorm no_bias(nn::LayerNormOptions({3}).bias(false));
  EXPECT_EQ(no_bias->named_parameters().keys(), (std::vector<std::string>{"weight"}));
}

TEST(LayerNormModule, ForwardAndGradientsMatchPyTorch) {
  nn::LayerNorm norm(nn::LayerNormOptions({4}));
  norm->to(ember::kDouble);
  {
    ember::NoGradGuard no_grad;
    norm->weight.copy_(REF(ln_w));
    norm->bias.copy_(REF(ln_b));
  }
  const Tensor x = REF(ln_x).requires_grad_();
  const Tensor out = norm(x);
  EXPECT_TRUE(tensors_close(out, REF(ln_affine_out), 1e-12, 1e-14));
  (out * REF(ln_grad_out)).sum().backward();
  EXPECT_TRUE(tensors_close(x.grad(), REF(ln_affine_grad_x), 1e-10, 1e-13));
  EXPECT_TRUE(tensors_close(norm->weight.grad(), REF(ln_affine_grad_w), 1e-12, 1e-14));
  EXPECT_TRUE(tensors_close(norm->bias.grad(), REF(ln_affine_grad_b), 1e-12, 1e-14));

  nn::LayerNorm plain(nn::LayerNormOptions({3, 4}).eps(1e-3).elementwise_affine(false));
  EXPECT_TRUE(tensors_close(plain(REF(ln_x)), REF(ln_plain_out), 1e-12, 1e-14));
}

TEST(LayerNormModule, PrintsAsPythonsRepr) {
  EXPECT_EQ(repr(nn::LayerNorm(std::vector<int64_t>{3})),
            "LayerNorm((3,), eps=1e-05, elementwise_affine=True, bias=True)");
  EXPECT_EQ(repr(nn::LayerNorm(nn::LayerNormOptions({2, 3}).eps(1e-3).elementwise_affine(false))),
            "LayerNorm((2, 3), eps=0.001, elementwise_affine=False, bias=False)");
  EXPECT_EQ(repr(nn::LayerNorm(nn::LayerNormOptions({3}).bias(false).eps(1e16))),
            "LayerNorm((3,), eps=1e+16, elementwise_affine=True, bias=False)");
}

TEST(LayerNormModule, BadShapesAreEmberErrors) {
  EXPECT_TRUE(throws_error_with([] { nn::LayerNorm(nn::LayerNormOptions({-2})); },
                                "Trying to create tensor with negative dimension -2"));
  nn::LayerNorm norm(nn::LayerNormOptions({4}));
  EXPECT_TRUE(throws_error_with(
      [&] {
        norm(ember::ones({4, 3}));
      },
      "Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[4, 3]"));
}

}  // namespace
