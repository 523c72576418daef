#pragma once

// Runs gradient cases (OpCase) through gradcheck and, where the case asks for it,
// gradgradcheck, on random float64 inputs of the case's shapes.

#include <gtest/gtest.h>

#include <vector>

#include "autograd/cases/OpCase.h"
#include "ember/autograd/GradCheck.h"

namespace ember_test {

inline ember::autograd::variable_list random_inputs(const OpCase& c) {
  ember::autograd::variable_list inputs;
  for (const auto& shape : c.input_shapes) {
    inputs.push_back(ember::rand(shape, ember::kDouble).mul_(2).sub_(1).requires_grad_());
  }
  return inputs;
}

inline void run_cases(const std::vector<OpCase>& cases) {
  ember::manual_seed(7);
  ASSERT_FALSE(cases.empty());
  for (const OpCase& c : cases) {
    SCOPED_TRACE(c.name);
    const ember::autograd::variable_list inputs = random_inputs(c);
    try {
      EXPECT_TRUE(ember::autograd::gradcheck(c.fn, inputs)) << c.name;
      if (c.second_order) {
        EXPECT_TRUE(ember::autograd::gradgradcheck(c.fn, inputs)) << c.name;
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << c.name << ": " << e.what();
    }
  }
}

}  // namespace ember_test
