// The convolution, pooling and batch-norm entries of the table-driven gradient test
// (avg_pool2d, adaptive_avg_pool2d and batch_norm are composites: their last node is listed).

#include "cases/OpCase.h"

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
      {"conv_transpose2d",
       GradOp::convolution,
       [](const variable_list& in) {
         return variable_list{ember::conv_transpose2d(in[0], in[1], in[2], 2, 1, 1, 2)};
       },
       {{1, 4, 3, 3}, {4, 2, 3, 3}, {4}}},
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
       GradOp::mul,
       [](const variable_list& in) {
         return variable_list{ember::avg_pool2d(in[0], 3, 2, 1, true, false)};
       },
       {{1, 2, 5, 6}}},
      {"adaptive_avg_pool2d",
       GradOp::unsafe_view,
       [](const variable_list& in) {
         return variable_list{ember::adaptive_avg_pool2d(in[0], {2, 3})};
       },
       {{2, 2, 5, 4}}},
      {"batch_norm",
       GradOp::add,
       [](const variable_list& in) {
         return variable_list{ember::batch_norm(in[0], in[1], in[2], {}, {}, true, 0.1, 1e-5)};
       },
       {{4, 3, 2}, {3}, {3}}},
  };
}

}  // namespace ember_test
