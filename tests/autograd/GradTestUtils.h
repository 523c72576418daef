#pragma once

// Small helpers shared by the per-family gradient tests.

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "ember/ember.h"

namespace ember_test {

/// 0, 1, ..., 11 as a 3x4 float64 leaf that requires grad (not a view of the arange).
inline ember::Tensor arange_leaf_3x4() {
  return ember::arange(12, ember::kDouble).reshape({3, 4}).detach().requires_grad_();
}

/// A float64 leaf that requires grad, `values` laid out in `shape`.
inline ember::Tensor leaf(const std::vector<double>& values, ember::IntArrayRef shape) {
  return ember::tensor(values, ember::kDouble).reshape(shape).clone().requires_grad_();
}

inline ember::Tensor random_leaf(ember::IntArrayRef shape) {
  return ember::randn(shape, ember::kDouble).requires_grad_();
}

/// A [rows, cols] leaf whose memory is column-major (a transposed matrix).
inline ember::Tensor transposed_leaf(int64_t rows, int64_t cols) {
  return ember::randn({cols, rows}, ember::kDouble).t().detach().requires_grad_();
}

/// Backpropagates (y * w).sum() with w = 0.5, 1, 1.5, ... in y's shape: gradients compared
/// with PyTorch's were made by the same call there.
inline void backward_weighted(const ember::Tensor& y) {
  const ember::Tensor w = ember::arange(1, y.numel() + 1, ember::kDouble).reshape(y.sizes()) * 0.5;
  (y * w).sum().backward();
}

inline void expect_values(const ember::Tensor& t, std::initializer_list<double> expected) {
  ASSERT_TRUE(t.defined());
  const ember::Tensor flat = t.contiguous().view({-1});
  ASSERT_EQ(flat.numel(), static_cast<int64_t>(expected.size()));
  int64_t i = 0;
  for (double e : expected) EXPECT_NEAR(flat[i++].item<double>(), e, 1e-12) << "element " << i - 1;
}

inline std::string node_name(const ember::Tensor& t) {
  return t.grad_fn() ? t.grad_fn()->name() : std::string("(none)");
}

/// Runs `body` and expects an ember::Error whose message contains `fragment`.
template <class Body>
void expect_error(Body&& body, const std::string& fragment) {
  try {
    body();
    ADD_FAILURE() << "expected an error containing: " << fragment;
  } catch (const ember::Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace ember_test
