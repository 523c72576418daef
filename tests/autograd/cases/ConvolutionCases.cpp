// The convolution, pooling and batch-norm entries of the table-driven gradient test
// (the pooling backward functions are cases of their own: their nodes differentiate again).

#include "cases/OpCase.h"
#include "ember/core/functions/NormalizationPoolingBackward.h"

namespace ember_test {

using ember::autograd::variable_list;
using ember::detail::GradOp;

std::vector<OpCase> convolution_cases() {
  return {
      {"conv2d",
       GradOp::convolution,
       [](const variable_list& in) {
         return variable_list{ember::conv2d(in[0], in[1], in[2], 2, 1, 1, 2)};
       },
       {{2, 4, 5, 5}, {6, 2, 3, 3}, {6}}},
      {"conv2d/dilated_no_bias",
       GradOp::convolution,
       [](const variable_list& in) {
         return variable_list{
             ember::conv2d(in[0], in[1], {}, {1, 2}, std::vector<int64_t>{0, 1}, {2, 1})};
       },
       {{1, 2, 6, 5}, {3, 2, 2, 3}}},
      {"conv2d/pointwise",
       GradOp::convolution,
       [](const variable_list& in) { return variable_list{ember::conv2d(in[0], in[1], in[2])}; },
       {{2, 4, 3, 3}, {5, 4, 1, 1}, {5}}},
      {"conv_transpose2d",
       GradOp::convolution,
       [](const variable_list& in) {
         return variable_list{ember::conv_transpose2d(in[0], in[1], in[2], 2, 1, 1, 2)};
       },
       {{1, 4, 3, 3}, {4, 2, 3, 3}, {4}}},
      // 3x3 at stride 1 with 8 channels: the CPU's Winograd kernels (forward, input and weight
      // gradients), and its transposed form.
      {"conv2d/winograd",
       GradOp::convolution,
       [](const variable_list& in) {
         return variable_list{ember::conv2d(in[0], in[1], in[2], 1, 1)};
       },
       {{1, 8, 3, 4}, {8, 8, 3, 3}, {8}}},
      {"conv_transpose2d/winograd",
       GradOp::convolution,
       [](const variable_list& in) {
         return variable_list{ember::conv_transpose2d(in[0], in[1], {}, 1, 2)};
       },
       {{1, 8, 4, 3}, {8, 8, 3, 3}}},
      {"conv1d",
       GradOp::convolution,
       [](const variable_list& in) {
         return variable_list{ember::conv1d(in[0], in[1], {}, 1, "same")};
       },
       {{2, 3, 6}, {2, 3, 4}}},
      {"im2col",
       GradOp::im2col,
       [](const variable_list& in) {
         return variable_list{ember::im2col(in[0], {2, 3}, 1, 1, {2, 1})};
       },
       {{1, 2, 4, 4}}},
      {"col2im",
       GradOp::col2im,
       [](const variable_list& in) {
         return variable_list{ember::col2im(in[0], {4, 4}, 2, 1, 0, 1)};
       },
       {{1, 8, 9}}},
      {"max_pool2d",
       GradOp::max_pool2d_with_indices,
       [](const variable_list& in) {
         return variable_list{ember::max_pool2d(in[0], 2, 1, 1, 1, true)};
       },
       {{1, 2, 5, 4}}},
      {"avg_pool2d",
       GradOp::avg_pool2d,
       [](const variable_list& in) {
         return variable_list{ember::avg_pool2d(in[0], 3, 2, 1, true, false)};
       },
       {{1, 2, 5, 6}}},
      {"avg_pool2d/divisor_override",
       GradOp::avg_pool2d,
       [](const variable_list& in) {
         return variable_list{ember::avg_pool2d(in[0], {3, 2}, {2, 3}, 1, true, true, 5)};
       },
       {{2, 2, 7, 8}}},
      {"avg_pool2d_backward",
       GradOp::avg_pool2d_backward,
       [](const variable_list& in) {
         return variable_list{
             ember::avg_pool2d_backward(in[0], ember::zeros({1, 2, 5, 6}, in[0].options()), {3},
                                        {2}, {1}, true, false, std::nullopt)};
       },
       {{1, 2, 3, 4}}},
      {"adaptive_avg_pool2d",
       GradOp::adaptive_avg_pool2d,
       [](const variable_list& in) {
         return variable_list{ember::adaptive_avg_pool2d(in[0], {2, 3})};
       },
       {{2, 2, 5, 4}}},
      {"adaptive_avg_pool2d_backward",
       GradOp::adaptive_pool_grad,
       [](const variable_list& in) {
         return variable_list{ember::_adaptive_avg_pool2d_backward(
             in[0], ember::zeros({2, 2, 5, 4}, in[0].options()))};
       },
       {{2, 2, 2, 3}}},
      {"batch_norm",
       GradOp::native_batch_norm,
       [](const variable_list& in) {
         return variable_list{ember::batch_norm(in[0], in[1], in[2], {}, {}, true, 0.1, 1e-5)};
       },
       {{4, 3, 2}, {3}, {3}}},
      {"batch_norm/no_affine_4d",
       GradOp::native_batch_norm,
       [](const variable_list& in) {
         return variable_list{ember::batch_norm(in[0], {}, {}, {}, {}, true, 0.1, 1e-5)};
       },
       {{3, 2, 2, 3}}},
      // The backward itself (its node: NativeBatchNormBackwardBackward0): gradcheck checks
      // batch_norm's second derivatives, gradgradcheck its third.
      {"native_batch_norm_backward",
       GradOp::native_batch_norm_backward,
       [](const variable_list& in) {
         const ember::Tensor x = in[1].detach();
         const ember::Tensor mean = x.mean({0, 2});
         const ember::Tensor invstd = ember::rsqrt(ember::var(x, {0, 2}, false, false) + 1e-5);
         auto [gi, gw, gb] = ember::native_batch_norm_backward(
             in[0], in[1], in[2], {}, {}, mean, invstd, true, 1e-5, {true, true, true});
         return variable_list{gi, gw, gb};
       },
       {{4, 3, 2}, {4, 3, 2}, {3}}},
      {"native_batch_norm_backward/eval_no_weight",
       GradOp::native_batch_norm_backward,
       [](const variable_list& in) {
         const ember::Tensor mean = ember::tensor({0.1, -0.2, 0.3}, in[0].options());
         const ember::Tensor var = ember::tensor({0.5, 1.5, 2.0}, in[0].options());
         auto [gi, gw, gb] = ember::native_batch_norm_backward(in[0], in[1], {}, mean, var, {}, {},
                                                               false, 1e-5, {true, true, true});
         return variable_list{gi, gw, gb};
       },
       {{4, 3, 2}, {4, 3, 2}}},
      {"batch_norm/eval",
       GradOp::native_batch_norm,
       [](const variable_list& in) {
         const ember::Tensor mean = ember::tensor({0.1, -0.2, 0.3}, in[0].options());
         const ember::Tensor var = ember::tensor({0.5, 1.5, 2.0}, in[0].options());
         return variable_list{ember::batch_norm(in[0], in[1], in[2], mean, var, false, 0.1, 1e-5)};
       },
       {{4, 3, 2}, {3}, {3}}},
  };
}

}  // namespace ember_test
