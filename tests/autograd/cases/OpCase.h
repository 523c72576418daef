#pragma once

// One entry of the table-driven gradient test: an op, a function that applies it to float64
// inputs, and the input shapes to try. Each op family lists its cases in its own file.

#include <functional>
#include <string>
#include <vector>

#include "core/AutogradHooks.h"
#include "ember/ember.h"

namespace ember_test {

/// The device the cases' own tensor arguments (indices, masks) are made on: the CPU, or
/// cuda:0 while the CUDA test runs the table.
inline ember::Device& case_device() {
  static ember::Device device(ember::kCPU);
  return device;
}

struct OpCase {
  std::string name;
  ember::detail::GradOp op;
  std::function<ember::autograd::variable_list(const ember::autograd::variable_list&)> fn;
  std::vector<std::vector<int64_t>> input_shapes;
  bool second_order = true;
};

// The cases of each op family (tests/autograd/cases/<Family>Cases.cpp).
std::vector<OpCase> arithmetic_cases();
std::vector<OpCase> elementwise_cases();
std::vector<OpCase> reduction_cases();
std::vector<OpCase> linear_algebra_cases();
std::vector<OpCase> view_cases();
std::vector<OpCase> copy_cases();
std::vector<OpCase> indexing_cases();
std::vector<OpCase> shape_cases();
std::vector<OpCase> linalg_cases();
std::vector<OpCase> convolution_cases();
std::vector<OpCase> sorting_cases();
std::vector<OpCase> math_cases();

/// Inputs of a case, requiring grad, in (-1, 1): of the case's shapes, or with each 2-d one
/// the transpose of a contiguous tensor (non-contiguous).
inline ember::autograd::variable_list case_inputs(const OpCase& c, bool transposed) {
  ember::autograd::variable_list inputs;
  for (const auto& shape : c.input_shapes) {
    ember::Tensor t;
    if (transposed && shape.size() == 2) {
      t = (ember::rand({shape[1], shape[0]}, ember::kDouble) * 2 - 1).t();
    } else {
      t = ember::rand(shape, ember::kDouble) * 2 - 1;
    }
    inputs.push_back(t.detach().requires_grad_());
  }
  return inputs;
}

/// Every family's cases.
inline std::vector<OpCase> all_cases() {
  std::vector<OpCase> all;
  for (auto* family :
       {&arithmetic_cases, &elementwise_cases, &reduction_cases, &linear_algebra_cases, &view_cases,
        &copy_cases, &indexing_cases, &shape_cases, &linalg_cases, &convolution_cases,
        &sorting_cases, &math_cases}) {
    std::vector<OpCase> cases = (*family)();
    all.insert(all.end(), cases.begin(), cases.end());
  }
  return all;
}

}  // namespace ember_test
