// The losses on cuda:0 against the CPU: values and input gradients of every loss and
// reduction, with weights, ignore_index, label smoothing, K-dimensional and no-batch inputs,
// and the errors of bad targets.

#include <gtest/gtest.h>

#include <ember/ember.h>

#include <functional>
#include <string>
#include <vector>

#include "CudaTestUtils.h"
#include "TestUtils.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_cuda_test::random;
using ember_cuda_test::same_on_both;

using LossOnDevice =
    std::function<Tensor(const Tensor& input, const Tensor& target, const ember::Device& device)>;

/// The loss and its input gradient on cuda:0 equal the CPU's (float64, so the comparison is
/// tight).
void expect_parity(const std::string& name, const LossOnDevice& loss, const Tensor& input,
                   const Tensor& target) {
  SCOPED_TRACE(name);
  std::vector<Tensor> outputs, grads;
  for (const ember::Device device : {ember::Device("cpu"), ember::Device("cuda:0")}) {
    const Tensor x = input.to(device).detach().requires_grad_(true);
    const Tensor out = loss(x, target.to(device), device);
    outputs.push_back(out);
    grads.push_back(ember::autograd::grad({out}, {x}, {ember::ones_like(out)})[0]);
  }
  EXPECT_TRUE(same_on_both(outputs[1], outputs[0]));
  EXPECT_TRUE(same_on_both(grads[1], grads[0]));
}

TEST(CudaLoss, MatchesCpu) {
  EMBER_REQUIRE_CUDA();
  const auto d = ember::kDouble;
  const Tensor x = random({6, 5}, d, 1);
  const Tensor y = random({6, 5}, d, 2);
  const Tensor p = random({6, 5}, d, 3, 0.05, 0.95);
  const Tensor q = random({6, 5}, d, 4, 0.0, 1.0);
  const Tensor w = random({5}, d, 5, 0.5, 1.5);
  const Tensor labels = ember::tensor({0, 4, -100, 2, 1, 3});
  const Tensor xk = random({2, 5, 3, 4}, d, 6);
  const Tensor labels_k = ember::randint(0, 5, {2, 3, 4});
  for (const ember::LossReduction r :
       {ember::LossReduction(ember::kNone), ember::LossReduction(ember::kMean),
        ember::LossReduction(ember::kSum)}) {
    const std::string rn = ember::enumtype::get_enum_name(r);
    expect_parity(
        "mse " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device&) {
          return F::mse_loss(a, b, F::MSELossFuncOptions().reduction(r));
        },
        x, y);
    expect_parity(
        "l1 " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device&) {
          return F::l1_loss(a, b, F::L1LossFuncOptions().reduction(r));
        },
        x, y);
    expect_parity(
        "huber " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device&) {
          return F::huber_loss(a, b, F::HuberLossFuncOptions().reduction(r).delta(0.7));
        },
        x, y);
    expect_parity(
        "smooth_l1 " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device&) {
          return F::smooth_l1_loss(a, b, F::SmoothL1LossFuncOptions().reduction(r).beta(0.7));
        },
        x, y);
    expect_parity(
        "bce " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device& dev) {
          return F::binary_cross_entropy(
              a, b, F::BinaryCrossEntropyFuncOptions().reduction(r).weight(w.to(dev)));
        },
        p, q);
    expect_parity(
        "bce_with_logits " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device& dev) {
          return F::binary_cross_entropy_with_logits(
              a, b,
              F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(r).pos_weight(w.to(dev)));
        },
        x, q);
    expect_parity(
        "nll " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device& dev) {
          return F::nll_loss(a, b, F::NLLLossFuncOptions().reduction(r).weight(w.to(dev)));
        },
        x, labels);
    expect_parity(
        "cross_entropy " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device& dev) {
          return F::cross_entropy(
              a, b,
              F::CrossEntropyFuncOptions().reduction(r).weight(w.to(dev)).label_smoothing(0.1));
        },
        x, labels);
    expect_parity(
        "cross_entropy 4d " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device&) {
          return F::cross_entropy(a, b, F::CrossEntropyFuncOptions().reduction(r));
        },
        xk, labels_k);
    expect_parity(
        "cross_entropy probabilities " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device&) {
          return F::cross_entropy(a, b, F::CrossEntropyFuncOptions().reduction(r));
        },
        x, q.softmax(1));
    expect_parity(
        "cross_entropy no batch " + rn,
        [&](const Tensor& a, const Tensor& b, const ember::Device&) {
          return F::cross_entropy(a, b, F::CrossEntropyFuncOptions().reduction(r));
        },
        x[0], ember::tensor(3));
  }
}

TEST(CudaLoss, BadTargetsThrowAsOnCpu) {
  EMBER_REQUIRE_CUDA();
  const Tensor x = ember::randn({3, 4}).cuda();
  EXPECT_TRUE(ember_test::throws_error_with(
      [&] {
        F::nll_loss(x, ember::tensor({0, 1, 4}).cuda());
      },
      "Target 4 is out of bounds."));
  EXPECT_TRUE(
      ember_test::throws_error_with([&] { F::binary_cross_entropy(x.sigmoid() * 2, x.sigmoid()); },
                                    "all elements of input should be between 0 and 1"));
}

}  // namespace
