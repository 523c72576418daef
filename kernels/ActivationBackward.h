#pragma once

// The activations' fused backward functors (tanh_backward, sigmoid_backward,
// threshold_backward), shared by the CPU and CUDA backends: one pass over the gradient and the
// saved tensor instead of the two or three elementwise ops the formula spells out. Same
// arithmetic, in the same order, as PyTorch's kernels, so the values match theirs.

#include <cmath>

#include "kernels/OpMath.h"

namespace ember::kernels {

/// grad * (1 - y^2), y = tanh(x), with 1 - y^2 as one fused multiply-add: PyTorch's CPU
/// kernels are compiled with FMA contraction, which turns its `1 - b * b` into one.
struct TanhBackward {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T grad, T y) const {
    using std::fma;
    return grad * fma(-y, y, T(1));
  }
};

/// grad * (1 - y) * y, y = sigmoid(x).
struct SigmoidBackward {
  template <class T>
  EMBER_HOST_DEVICE T operator()(T grad, T y) const {
    return grad * (T(1) - y) * y;
  }
};

/// 0 where x <= threshold, else grad (relu's backward with threshold 0, on its output). A NaN x
/// fails the comparison and lets the gradient through, as PyTorch's.
template <class M>
struct ThresholdBackward {
  M threshold;
  template <class T>
  EMBER_HOST_DEVICE T operator()(T grad, T x) const {
    return x <= threshold ? T(0) : grad;
  }
};

}  // namespace ember::kernels
