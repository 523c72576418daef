#pragma once

// Shared by the layer tests: PyTorch's reference values (LayersReference.inc, written by
// tests/reference/gen_layers.py) as tensors, and the float64 gradient checks.

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "ember/ember.h"

namespace layers_reference {
#include "LayersReference.inc"
}  // namespace layers_reference

namespace layers_test {

/// A reference array as a tensor of `dtype` (float64 unless given).
inline ember::Tensor ref(const std::vector<double>& values, const std::vector<int64_t>& shape,
                         ember::Dtype dtype = ember::kDouble) {
  return ember::tensor(values, ember::kDouble).reshape(shape).to(dtype);
}

/// Reference arrays by name: REF(act_x) is the tensor of act_x with act_x_shape.
#define REF(name) ::layers_test::ref(layers_reference::name, layers_reference::name##_shape)

/// gradcheck and gradgradcheck of `fn` at float64 `inputs` (which must require grad).
inline void expect_gradients_check(const ember::autograd::GradCheckFn& fn,
                                   const ember::autograd::variable_list& inputs) {
  EXPECT_TRUE(ember::autograd::gradcheck(fn, inputs));
  EXPECT_TRUE(ember::autograd::gradgradcheck(fn, inputs));
}

/// What `stream << *module` prints (Python's repr of the module).
template <typename Holder>
std::string repr(const Holder& module) {
  std::ostringstream stream;
  stream << *module;
  return stream.str();
}

}  // namespace layers_test
