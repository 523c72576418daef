#pragma once

// Helpers of the per-family gradient tests: float64 leaves of given values and layouts, and
// the comparison of gradients with PyTorch's, computed by the same weighted backward.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ember/ember.h"

namespace ember_test {

/// A float64 leaf that requires grad, `values` laid out in `shape`.
inline ember::Tensor leaf(const std::vector<double>& values, ember::IntArrayRef shape) {
  return ember::tensor(values, ember::kDouble).reshape(shape).clone().requires_grad_();
}

inline ember::Tensor random_leaf(ember::IntArrayRef shape) {
  return ember::randn(shape, ember::kDouble).requires_grad_();
}

/// A [rows, cols] leaf whose memory is column-major (a transposed matrix).
inline ember::Tensor transposed_leaf(int64_t rows, int64_t cols) {
  return ember::randn({cols, rows}, ember::kDouble).t().requires_grad_();
}

/// Backpropagates (y * w).sum() with w = 0.5, 1, 1.5, ... in y's shape: the reference
/// gradients were made by the same call in PyTorch.
inline void backward_weighted(const ember::Tensor& y) {
  const ember::Tensor w = ember::arange(1, y.numel() + 1, ember::kDouble).reshape(y.sizes()) * 0.5;
  (y * w).sum().backward();
}

/// `t`, in row-major order, equals `expected` to 1e-12 (relative).
inline void expect_values(const ember::Tensor& t, const std::vector<double>& expected) {
  ASSERT_TRUE(t.defined());
  const ember::Tensor flat = t.contiguous().reshape({-1});
  ASSERT_EQ(flat.numel(), static_cast<int64_t>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(flat[static_cast<int64_t>(i)].item<double>(), expected[i],
                1e-12 * (1 + std::abs(expected[i])))
        << "element " << i;
  }
}

}  // namespace ember_test
