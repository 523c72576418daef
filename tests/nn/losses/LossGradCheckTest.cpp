// First and second derivatives of every loss, for every reduction and option, against finite
// differences in float64 (gradcheck and gradgradcheck, as PyTorch's tests of its losses do).

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "TestUtils.h"
#include "ember/autograd/GradCheck.h"
#include "ember/ember.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember::autograd::variable_list;

const std::vector<ember::LossReduction> kReductions{ember::kNone, ember::kMean, ember::kSum};

std::string name_of(const ember::LossReduction& r) { return ember::enumtype::get_enum_name(r); }

Tensor randn64(std::vector<int64_t> shape) { return ember::randn(shape, ember::kDouble); }

/// gradcheck and gradgradcheck of `loss` with respect to the tensors of `inputs` (float64;
/// those that should be differentiated require grad).
void check_derivatives(const std::function<Tensor(const variable_list&)>& loss,
                       const variable_list& inputs) {
  const auto fn = [&](const variable_list& xs) { return variable_list{loss(xs)}; };
  EXPECT_TRUE(ember::autograd::gradcheck(fn, inputs));
  EXPECT_TRUE(ember::autograd::gradgradcheck(fn, inputs));
}

TEST(LossGradCheck, Regression) {
  ember::manual_seed(11);
  for (const auto& r : kReductions) {
    SCOPED_TRACE(name_of(r));
    const Tensor x = randn64({3, 4}).requires_grad_(true);
    const Tensor y = randn64({3, 4}).requires_grad_(true);
    check_derivatives(
        [&](const variable_list& v) {
          return F::mse_loss(v[0], v[1], F::MSELossFuncOptions().reduction(r));
        },
        {x, y});
    check_derivatives(
        [&](const variable_list& v) {
          return F::l1_loss(v[0], v[1], F::L1LossFuncOptions().reduction(r));
        },
        {x, y});
    for (double delta : {1.0, 0.4}) {
      check_derivatives(
          [&](const variable_list& v) {
            return F::huber_loss(v[0], v[1], F::HuberLossFuncOptions().reduction(r).delta(delta));
          },
          {x, y});
    }
    for (double beta : {1.0, 0.4, 0.0}) {
      check_derivatives(
          [&](const variable_list& v) {
            return F::smooth_l1_loss(v[0], v[1],
                                     F::SmoothL1LossFuncOptions().reduction(r).beta(beta));
          },
          {x, y});
    }
    // Broadcast target.
    const Tensor row = randn64({4}).requires_grad_(true);
    check_derivatives(
        [&](const variable_list& v) {
          return F::mse_loss(v[0], v[1], F::MSELossFuncOptions().reduction(r));
        },
        {x, row});
  }
}

TEST(LossGradCheck, BinaryCrossEntropy) {
  ember::manual_seed(12);
  for (const auto& r : kReductions) {
    SCOPED_TRACE(name_of(r));
    const Tensor p = (ember::rand({3, 4}, ember::kDouble) * 0.8 + 0.1).requires_grad_(true);
    const Tensor q = (ember::rand({3, 4}, ember::kDouble) * 0.8 + 0.1).requires_grad_(true);
    const Tensor w = ember::rand({4}, ember::kDouble) + 0.5;
    check_derivatives(
        [&](const variable_list& v) {
          return F::binary_cross_entropy(v[0], v[1],
                                         F::BinaryCrossEntropyFuncOptions().reduction(r));
        },
        {p, q});
    check_derivatives(
        [&](const variable_list& v) {
          return F::binary_cross_entropy(v[0], v[1],
                                         F::BinaryCrossEntropyFuncOptions().reduction(r).weight(w));
        },
        {p, q});

    const Tensor logits = (randn64({3, 4}) * 2).requires_grad_(true);
    const Tensor pos_weight = ember::rand({4}, ember::kDouble) * 3;
    check_derivatives(
        [&](const variable_list& v) {
          return F::binary_cross_entropy_with_logits(
              v[0], v[1], F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(r));
        },
        {logits, q});
    check_derivatives(
        [&](const variable_list& v) {
          return F::binary_cross_entropy_with_logits(
              v[0], v[1],
              F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(r).weight(w).pos_weight(
                  pos_weight));
        },
        {logits, q});
  }
}

TEST(LossGradCheck, NllLoss) {
  ember::manual_seed(13);
  const Tensor w = ember::rand({4}, ember::kDouble) + 0.5;
  for (const auto& r : kReductions) {
    SCOPED_TRACE(name_of(r));
    const Tensor x = randn64({5, 4}).requires_grad_(true);
    const Tensor t = ember::tensor({0, 3, -100, 2, 1});
    check_derivatives(
        [&](const variable_list& v) {
          return F::nll_loss(v[0], t, F::NLLLossFuncOptions().reduction(r).weight(w));
        },
        {x});
    check_derivatives(
        [&](const variable_list& v) {
          return F::nll_loss(v[0], ember::tensor({0, 3, 1, 2, 3}),
                             F::NLLLossFuncOptions().reduction(r).ignore_index(3));
        },
        {x});
    const Tensor xk = randn64({2, 4, 3, 2}).requires_grad_(true);
    const Tensor tk = ember::randint(0, 4, {2, 3, 2});
    check_derivatives(
        [&](const variable_list& v) {
          return F::nll_loss(v[0], tk, F::NLLLossFuncOptions().reduction(r).weight(w));
        },
        {xk});
    const Tensor x1 = randn64({4}).requires_grad_(true);
    check_derivatives(
        [&](const variable_list& v) {
          return F::nll_loss(v[0], ember::tensor(2), F::NLLLossFuncOptions().reduction(r));
        },
        {x1});
  }
}

TEST(LossGradCheck, CrossEntropy) {
  ember::manual_seed(14);
  const Tensor w = ember::rand({4}, ember::kDouble) + 0.5;
  for (const auto& r : kReductions) {
    SCOPED_TRACE(name_of(r));
    const Tensor x = randn64({5, 4}).requires_grad_(true);
    const Tensor t = ember::tensor({0, 3, -100, 2, 1});
    for (double smoothing : {0.0, 0.2}) {
      check_derivatives(
          [&](const variable_list& v) {
            return F::cross_entropy(
                v[0], t, F::CrossEntropyFuncOptions().reduction(r).label_smoothing(smoothing));
          },
          {x});
      check_derivatives(
          [&](const variable_list& v) {
            return F::cross_entropy(
                v[0], t,
                F::CrossEntropyFuncOptions().reduction(r).weight(w).label_smoothing(smoothing));
          },
          {x});
      // Class probabilities: differentiable in the target too.
      const Tensor probs = ember::rand({5, 4}, ember::kDouble).softmax(1).requires_grad_(true);
      check_derivatives(
          [&](const variable_list& v) {
            return F::cross_entropy(
                v[0], v[1],
                F::CrossEntropyFuncOptions().reduction(r).weight(w).label_smoothing(smoothing));
          },
          {x, probs});
    }
    const Tensor xk = randn64({2, 4, 3, 2}).requires_grad_(true);
    const Tensor tk = ember::randint(0, 4, {2, 3, 2});
    check_derivatives(
        [&](const variable_list& v) {
          return F::cross_entropy(v[0], tk,
                                  F::CrossEntropyFuncOptions().reduction(r).label_smoothing(0.1));
        },
        {xk});
    const Tensor x1 = randn64({4}).requires_grad_(true);
    check_derivatives(
        [&](const variable_list& v) {
          return F::cross_entropy(v[0], ember::tensor(1),
                                  F::CrossEntropyFuncOptions().reduction(r));
        },
        {x1});
  }
}

// Second derivatives equal PyTorch's (values from torch.autograd.grad with create_graph).
TEST(LossGradCheck, SecondDerivativesMatchPyTorch) {
  const Tensor y = ember::tensor({0.2, 0.7, 0.5}, ember::kDouble);
  const Tensor x = ember::tensor({0.3, 0.6, 0.9}, ember::kDouble).requires_grad_(true);
  const Tensor bce = F::binary_cross_entropy(x, y, F::BinaryCrossEntropyFuncOptions(ember::kSum));
  const Tensor g = ember::autograd::grad({bce}, {x}, {}, std::nullopt, true)[0];
  const Tensor h = ember::autograd::grad({g.sum()}, {x})[0];
  EXPECT_TRUE(ember_test::tensors_close(
      g,
      ember::tensor({0.4761904761904761, -0.4166666666666666, 4.4444444444444455}, ember::kDouble),
      1e-12));
  // PyTorch adds 1e-12 to the denominators of its second derivative: agreement to 1e-9.
  EXPECT_TRUE(ember_test::tensors_close(
      h, ember::tensor({3.8548752834100006, 3.8194444444126154, 50.61728394949248}, ember::kDouble),
      1e-9));

  const Tensor z = ember::tensor({-2.0, 0.5, 3.0}, ember::kDouble).requires_grad_(true);
  const Tensor bcel =
      F::binary_cross_entropy_with_logits(z, y,
                                          F::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(
                                              ember::tensor({2.0, 0.5, 1.5}, ember::kDouble)));
  const Tensor gz = ember::autograd::grad({bcel}, {z}, {}, std::nullopt, true)[0];
  const Tensor hz = ember::autograd::grad({gz.sum()}, {z})[0];
  EXPECT_TRUE(ember_test::tensors_close(
      gz,
      ember::tensor({-0.08565216452448632, 0.018199521760401866, 0.14690588617601388},
                    ember::kDouble),
      1e-12));
  EXPECT_TRUE(ember_test::tensors_close(
      hz,
      ember::tensor({0.0419974341614026, 0.050917470977012144, 0.01882360822121333},
                    ember::kDouble),
      1e-12));
}

}  // namespace
