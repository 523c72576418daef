#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"

namespace {

using namespace ember;

// Builds the expected tensor from literal values written by tests/reference/gen_core_ops.py.
template <class T>
Tensor expected_tensor(const std::vector<T>& values, IntArrayRef shape, Dtype dtype) {
  const Dtype literal_dtype =
      std::is_same_v<T, double> ? kDouble : (std::is_same_v<T, bool> ? kBool : kLong);
  return tensor(values, literal_dtype).reshape(shape).to(dtype);
}

// Each case: the Ember expression must produce PyTorch's dtype, shape and values exactly
// (floating results may differ in the last bits of a long sum).
#define EMBER_VALUE_CASE(name, expression, expected)                   \
  TEST(CoreOpsMatchPyTorch, name) {                                    \
    const Tensor actual = expression;                                  \
    EXPECT_TRUE(ember_test::tensors_close(actual, expected, 1e-6, 0)); \
  }
#include "core/reference/core_ops_data.inc"
#undef EMBER_VALUE_CASE

}  // namespace
