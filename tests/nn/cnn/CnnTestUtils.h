#pragma once

// Shared by the convolution, pooling and batch-norm tests: PyTorch's reference values
// (CnnReference.inc, written by tests/reference/gen_cnn.py) and a check of an op's output
// and input gradients against them.

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "ember/ember.h"

namespace cnn_reference {
#include "CnnReference.inc"
}  // namespace cnn_reference

namespace cnn_test {

inline ember::Tensor ref(const std::vector<double>& values, const std::vector<int64_t>& shape) {
  return ember::tensor(values, ember::kDouble).reshape(shape);
}

/// REF(conv1d_out): the reference tensor of that name (float64).
#define CNN_REF(name) ::cnn_test::ref(cnn_reference::name, cnn_reference::name##_shape)

inline void expect_close(const ember::Tensor& actual, const ember::Tensor& expected,
                         const std::string& what, double tol = 1e-10) {
  ASSERT_TRUE(actual.defined()) << what;
  ASSERT_EQ(actual.sizes().vec(), expected.sizes().vec()) << what;
  EXPECT_TRUE(ember::allclose(actual.to(ember::kDouble), expected, tol, tol))
      << what << "\nactual:\n"
      << actual << "\nexpected:\n"
      << expected;
}

/// `expr` throws an ember::Error whose message contains `msg`.
#define EXPECT_ERROR_MSG(expr, msg) \
  EXPECT_TRUE(::ember_test::throws_error_with([&] { (void)(expr); }, msg))

using Inputs = std::vector<ember::Tensor>;

}  // namespace cnn_test

/// What `stream << *module` prints (Python's repr of the module).
template <typename Holder>
std::string layers_repr(const Holder& module) {
  std::ostringstream stream;
  stream << *module;
  return stream.str();
}

namespace cnn_test {
using Fn = std::function<ember::Tensor(const Inputs&)>;

/// Runs fn on copies of `inputs` requiring grad; compares its output with `out` and the
/// gradients of (output * gout).sum() with `grads`.
inline void expect_matches_torch(const std::string& name, const Inputs& inputs, const Inputs& grads,
                                 const ember::Tensor& out, const ember::Tensor& gout,
                                 const Fn& fn) {
  Inputs in;
  for (const auto& t : inputs) in.push_back(t.clone().requires_grad_());
  const ember::Tensor actual = fn(in);
  expect_close(actual, out, name + " output");
  (actual * gout).sum().backward();
  for (size_t i = 0; i < in.size(); ++i) {
    expect_close(in[i].grad(), grads[i], name + " gradient of input " + std::to_string(i));
  }
}

// The reference case `name` with 1, 2 or 3 inputs (name_in0.., name_grad0.., name_out,
// name_gout), checked against fn.
#define CNN_CASE1(name, fn)                                                               \
  ::cnn_test::expect_matches_torch(#name, {CNN_REF(name##_in0)}, {CNN_REF(name##_grad0)}, \
                                   CNN_REF(name##_out), CNN_REF(name##_gout), fn)
#define CNN_CASE2(name, fn)                                                           \
  ::cnn_test::expect_matches_torch(#name, {CNN_REF(name##_in0), CNN_REF(name##_in1)}, \
                                   {CNN_REF(name##_grad0), CNN_REF(name##_grad1)},    \
                                   CNN_REF(name##_out), CNN_REF(name##_gout), fn)
#define CNN_CASE3(name, fn)                                                                       \
  ::cnn_test::expect_matches_torch(                                                               \
      #name, {CNN_REF(name##_in0), CNN_REF(name##_in1), CNN_REF(name##_in2)},                     \
      {CNN_REF(name##_grad0), CNN_REF(name##_grad1), CNN_REF(name##_grad2)}, CNN_REF(name##_out), \
      CNN_REF(name##_gout), fn)

}  // namespace cnn_test
