// Every loss, reduction and option against PyTorch's values and gradients (tests/nn/data/
// losses/losses.json), through nn::functional and through the top-level ATen forms.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "LossReference.h"
#include "TestUtils.h"
#include "ember/ember.h"

namespace {

namespace F = ember::nn::functional;
using ember::Tensor;
using ember_test::losses::check_all_cases;
using ember_test::losses::LossCase;
using ember_test::losses::reduction_of;

/// The loss of `c` through nn::functional with libtorch's options classes.
Tensor functional_loss(const LossCase& c, const Tensor& input, const Tensor& target) {
  const ember::LossReduction reduction = reduction_of(c);
  if (c.loss == "mse_loss")
    return F::mse_loss(input, target, F::MSELossFuncOptions().reduction(reduction));
  if (c.loss == "l1_loss")
    return F::l1_loss(input, target, F::L1LossFuncOptions().reduction(reduction));
  if (c.loss == "huber_loss") {
    return F::huber_loss(input, target,
                         F::HuberLossFuncOptions().reduction(reduction).delta(c.delta));
  }
  if (c.loss == "smooth_l1_loss") {
    return F::smooth_l1_loss(input, target,
                             F::SmoothL1LossFuncOptions().reduction(reduction).beta(c.beta));
  }
  if (c.loss == "binary_cross_entropy") {
    return F::binary_cross_entropy(
        input, target, F::BinaryCrossEntropyFuncOptions().reduction(reduction).weight(c.weight));
  }
  if (c.loss == "binary_cross_entropy_with_logits") {
    return F::binary_cross_entropy_with_logits(input, target,
                                               F::BinaryCrossEntropyWithLogitsFuncOptions()
                                                   .reduction(reduction)
                                                   .weight(c.weight)
                                                   .pos_weight(c.pos_weight));
  }
  if (c.loss == "nll_loss") {
    return F::nll_loss(
        input, target,
        F::NLLLossFuncOptions().reduction(reduction).weight(c.weight).ignore_index(c.ignore_index));
  }
  if (c.loss == "cross_entropy") {
    return F::cross_entropy(input, target,
                            F::CrossEntropyFuncOptions()
                                .reduction(reduction)
                                .weight(c.weight)
                                .ignore_index(c.ignore_index)
                                .label_smoothing(c.label_smoothing));
  }
  throw std::runtime_error("unknown loss " + c.loss);
}

/// The loss of `c` through the top-level functions with ATen's integer reductions.
Tensor aten_loss(const LossCase& c, const Tensor& input, const Tensor& target) {
  const int64_t reduction = ember::enumtype::reduction_get_enum(reduction_of(c));
  if (c.loss == "mse_loss") return ember::mse_loss(input, target, reduction);
  if (c.loss == "l1_loss") return ember::l1_loss(input, target, reduction);
  if (c.loss == "huber_loss") return ember::huber_loss(input, target, reduction, c.delta);
  if (c.loss == "smooth_l1_loss") return ember::smooth_l1_loss(input, target, reduction, c.beta);
  if (c.loss == "binary_cross_entropy") {
    // The functional form broadcasts the weight to the target's shape first.
    const Tensor weight = c.weight.defined() ? c.weight.expand(target.sizes()) : Tensor();
    return ember::binary_cross_entropy(input, target, weight, reduction);
  }
  if (c.loss == "binary_cross_entropy_with_logits") {
    return ember::binary_cross_entropy_with_logits(input, target, c.weight, c.pos_weight,
                                                   reduction);
  }
  if (c.loss == "nll_loss") {
    return ember::nll_loss_nd(input, target, c.weight, reduction, c.ignore_index);
  }
  if (c.loss == "cross_entropy") {
    return ember::cross_entropy_loss(input, target, c.weight, reduction, c.ignore_index,
                                     c.label_smoothing);
  }
  throw std::runtime_error("unknown loss " + c.loss);
}

TEST(FunctionalLoss, EveryCaseMatchesPyTorch) { check_all_cases(functional_loss); }

TEST(FunctionalLoss, TopLevelFormsMatchPyTorch) { check_all_cases(aten_loss); }

}  // namespace
