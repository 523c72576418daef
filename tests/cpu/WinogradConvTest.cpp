// The CPU's Winograd F(2x2, 3x3) kernels against im2col + matrix product, computed in
// float64: the forward (plain and transposed weights, every padding it takes, outputs of odd
// size, tiles across image boundaries), the weight gradient, conv2d and conv_transpose2d
// routed through them with their gradients, on one thread and on several, and from several
// threads at once.

#include <gtest/gtest.h>

#include <array>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <ember/ember.h>

#include "TestUtils.h"
#include "core/KernelTable.h"

namespace {

using namespace ember;

using ember_test::ThreadCountScope;

struct Shape {
  int64_t n, c, k, h, w, pad_h, pad_w;
  std::string str() const {
    return "n" + std::to_string(n) + " c" + std::to_string(c) + " k" + std::to_string(k) + " " +
           std::to_string(h) + "x" + std::to_string(w) + " pad " + std::to_string(pad_h) + "," +
           std::to_string(pad_w);
  }
};

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> s = {
      {2, 8, 9, 7, 6, 1, 1},   // odd output height: the last tile row is half outside
      {1, 10, 8, 5, 9, 0, 2},  // unequal paddings
      {3, 9, 16, 16, 16, 1, 0},   {1, 8, 8, 3, 3, 0, 0},  // a single output
      {2, 8, 8, 1, 2, 2, 2},                              // padding larger than the image
      {1, 8, 8, 4, 4, 5, 3},                              // padding far past the image
      {16, 32, 32, 16, 16, 1, 1},                         // enough work to split over threads
  };
  return s;
}

// conv2d of x [n, c, h, w] with weight [k, c, 3, 3] by im2col + matmul (float64).
Tensor reference_conv(const Tensor& x, const Tensor& weight, int64_t pad_h, int64_t pad_w) {
  const int64_t n = x.size(0), k = weight.size(0);
  const int64_t oh = x.size(2) + 2 * pad_h - 2, ow = x.size(3) + 2 * pad_w - 2;
  const Tensor cols = im2col(x.to(kDouble), {3, 3}, {1, 1}, {pad_h, pad_w}, {1, 1});
  return matmul(weight.to(kDouble).reshape({k, -1}), cols).reshape({n, k, oh, ow});
}

// The weight gradient of that convolution for the output gradient g.
Tensor reference_weight_grad(const Tensor& x, const Tensor& g, int64_t pad_h, int64_t pad_w) {
  const int64_t n = x.size(0), k = g.size(1);
  const Tensor cols = im2col(x.to(kDouble), {3, 3}, {1, 1}, {pad_h, pad_w}, {1, 1});
  return matmul(g.to(kDouble).reshape({n, k, -1}), cols.transpose(1, 2))
      .sum({0})
      .reshape({k, x.size(1), 3, 3});
}

void expect_close(const Tensor& actual, const Tensor& expected, double tol,
                  const std::string& what) {
  ASSERT_EQ(actual.sizes().vec(), expected.sizes().vec()) << what;
  const double scale = expected.abs().max().item<double>() + 1e-30;
  const double err = (actual.to(kDouble) - expected).abs().max().item<double>() / scale;
  EXPECT_LT(err, tol) << what;
}

double tolerance(Dtype dtype) { return dtype == kDouble ? 1e-13 : 2e-6; }

TEST(WinogradConv, KernelsMatchIm2col) {
  using detail::Kernel;
  ASSERT_TRUE(detail::has_kernel(Kernel::conv3x3_winograd, kCPU));
  const auto forward = detail::get_kernel<Kernel::conv3x3_winograd>(kCPU);
  const auto weight_grad = detail::get_kernel<Kernel::conv3x3_winograd_weight_grad>(kCPU);
  ThreadCountScope scope;
  manual_seed(3);
  for (int threads : {1, 2}) {
    set_num_threads(threads);
    for (Dtype dtype : {kDouble, kFloat}) {
      for (const Shape& s : shapes()) {
        const std::string what =
            s.str() + (dtype == kDouble ? " f64" : " f32") + " threads " + std::to_string(threads);
        const Tensor x = randn({s.n, s.c, s.h, s.w}, dtype);
        const Tensor weight = randn({s.k, s.c, 3, 3}, dtype);
        const Tensor bias = randn({s.k}, dtype);
        const Tensor expected = reference_conv(x, weight, s.pad_h, s.pad_w);
        Tensor out = empty(expected.sizes(), dtype);
        forward(out, x, weight, bias, s.pad_h, s.pad_w, false);
        expect_close(out, expected + bias.to(kDouble).view({1, s.k, 1, 1}), tolerance(dtype),
                     "forward " + what);
        // The same weight stored as a transposed convolution's [c, k, 3, 3], flipped.
        const Tensor transposed = weight.flip({2, 3}).transpose(0, 1).contiguous();
        Tensor out_t = empty(expected.sizes(), dtype);
        forward(out_t, x, transposed, Tensor(), s.pad_h, s.pad_w, true);
        expect_close(out_t, expected, tolerance(dtype), "transposed weight " + what);

        const Tensor g = randn(expected.sizes(), dtype);
        Tensor dw = empty(weight.sizes(), dtype);
        weight_grad(dw, g, x, s.pad_h, s.pad_w);
        expect_close(dw, reference_weight_grad(x, g, s.pad_h, s.pad_w), tolerance(dtype) * 4,
                     "weight gradient " + what);
      }
    }
  }
}

// conv2d and conv_transpose2d route eligible shapes through the kernels: their values and all
// three gradients agree with im2col + matmul differentiated by autograd.
TEST(WinogradConv, ConvolutionsAndGradientsMatchIm2col) {
  ThreadCountScope scope;
  manual_seed(4);
  for (int threads : {1, 2}) {
    set_num_threads(threads);
    for (const Shape& s : shapes()) {
      if (s.pad_h > 2 || s.pad_w > 2) continue;  // conv_transpose2d below needs padding <= 2
      const std::string what = s.str() + " threads " + std::to_string(threads);
      Tensor x = randn({s.n, s.c, s.h, s.w}, kDouble).requires_grad_();
      Tensor weight = randn({s.k, s.c, 3, 3}, kDouble).requires_grad_();
      Tensor bias = randn({s.k}, kDouble).requires_grad_();
      const Tensor y = conv2d(x, weight, bias, 1, std::vector<int64_t>{s.pad_h, s.pad_w});
      const Tensor g = randn(y.sizes(), kDouble);
      (y * g).sum().backward();
      const Tensor gx = x.grad().clone(), gw = weight.grad().clone(), gb = bias.grad().clone();
      x.mutable_grad() = Tensor();
      weight.mutable_grad() = Tensor();
      bias.mutable_grad() = Tensor();
      const Tensor ref = reference_conv(x, weight, s.pad_h, s.pad_w) + bias.view({1, s.k, 1, 1});
      (ref * g).sum().backward();
      expect_close(y, ref, 1e-13, "conv2d " + what);
      expect_close(gx, x.grad(), 1e-13, "input gradient " + what);
      expect_close(gw, weight.grad(), 1e-13, "weight gradient " + what);
      expect_close(gb, bias.grad(), 1e-13, "bias gradient " + what);

      // conv_transpose2d of g with the same weight is conv2d's input gradient.
      const Tensor yt = conv_transpose2d(g, weight, {}, 1, std::vector<int64_t>{s.pad_h, s.pad_w});
      expect_close(yt, gx, 1e-13, "conv_transpose2d " + what);
    }
  }
}

// Inf and NaN in the input, the weight or the output gradient come out where PyTorch puts
// them: those calls take im2col, whose outputs are +-Inf where Winograd's differences of
// neighbours would give NaN.
TEST(WinogradConv, InfAndNaNPropagateAsIm2col) {
  manual_seed(6);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (double bad : {inf, -inf, nan}) {
    Tensor x = randn({1, 8, 6, 6}, kDouble);
    x.index_put_({0, 3, 2, 2}, bad);
    Tensor weight = randn({8, 8, 3, 3}, kDouble).abs();
    const Tensor y = conv2d(x, weight, {}, 1, 1);
    const Tensor ref = reference_conv(x, weight, 1, 1);
    EXPECT_TRUE(allclose(y, ref, 1e-12, 1e-12, /*equal_nan=*/true)) << bad;

    const Tensor good = randn({1, 8, 6, 6}, kDouble);
    Tensor bad_weight = weight.clone();
    bad_weight.index_put_({2, 5, 1, 1}, bad);
    const Tensor yw = conv2d(good, bad_weight, {}, 1, 1);
    const Tensor refw = reference_conv(good, bad_weight, 1, 1);
    EXPECT_TRUE(allclose(yw, refw, 1e-12, 1e-12, /*equal_nan=*/true)) << bad;

    // The weight gradient with a bad output gradient.
    Tensor w = randn({8, 8, 3, 3}, kDouble).requires_grad_();
    Tensor g = randn({1, 8, 6, 6}, kDouble);
    g.index_put_({0, 1, 3, 3}, bad);
    conv2d(good, w, {}, 1, 1).backward(g);
    const Tensor dw = w.grad().clone();
    w.mutable_grad() = Tensor();
    reference_conv(good, w, 1, 1).backward(g);
    EXPECT_TRUE(allclose(dw, w.grad(), 1e-12, 1e-12, /*equal_nan=*/true)) << bad;
  }
}

// Several threads convolving at once each get their own scratch: every result is exact.
TEST(WinogradConv, ConcurrentCallsAgree) {
  manual_seed(5);
  const Tensor x = randn({4, 16, 12, 12});
  const Tensor weight = randn({16, 16, 3, 3});
  const Tensor expected = conv2d(x, weight, {}, 1, 1);
  std::vector<char> same(4, 0);
  std::vector<std::thread> workers;
  for (size_t t = 0; t < same.size(); ++t) {
    workers.emplace_back([&, t] {
      bool all = true;
      for (int i = 0; i < 5; ++i) all = all && equal(conv2d(x, weight, {}, 1, 1), expected);
      same[t] = all ? 1 : 0;
    });
  }
  for (auto& w : workers) w.join();
  for (size_t t = 0; t < same.size(); ++t) EXPECT_TRUE(same[t]) << "thread " << t;
}

}  // namespace
