// The losses comparing distributions: kl_div, poisson_nll_loss and gaussian_nll_loss. Each is
// a composite of public ops (autograd, second derivatives included, comes from theirs)
// computing PyTorch's formula in the same order of operations.

#include <cmath>
#include <numbers>
#include <variant>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/functional/Loss.h"
#include "nn/functional/ClampKeepingGradient.h"
#include "nn/functional/LossReduction.h"

namespace ember {
namespace {

/// x log(x), 0 where x is 0 (PyTorch's xlogy(x, x)); its gradient there is nan (0 / 0), as
/// PyTorch's.
Tensor x_log_x(const Tensor& x) { return ember::where(x == 0, 0.0, x * x.log()); }

}  // namespace

Tensor kl_div(const Tensor& self, const Tensor& target, int64_t reduction, bool log_target) {
  nn::detail::check_reduction(reduction);
  EMBER_CHECK(is_floating_type(self.dtype()) && is_floating_type(target.dtype()),
              "kl_div: Integral inputs not supported.");
  const Tensor loss =
      log_target ? ember::exp(target) * (target - self) : x_log_x(target) - target * self;
  return nn::detail::apply_loss_reduction(loss, reduction);
}

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, bool log_input, bool full,
                        double eps, int64_t reduction) {
  nn::detail::check_reduction(reduction);
  Tensor loss =
      log_input ? ember::exp(input) - target * input : input - target * ember::log(input + eps);
  if (full) {
    // Stirling's approximation of log(target!), for targets above 1 only.
    const Tensor stirling =
        x_log_x(target) - target + 0.5 * ember::log(2 * std::numbers::pi * target);
    loss = loss + stirling.masked_fill(target <= 1, 0);
  }
  return nn::detail::apply_loss_reduction(loss, reduction);
}

namespace nn::functional {

Tensor kl_div(const Tensor& input, const Tensor& target, const KLDivFuncOptions& options) {
  const bool batch_mean = std::holds_alternative<enumtype::kBatchMean>(options.reduction());
  int64_t reduction = Reduction::Mean;
  if (batch_mean || std::holds_alternative<enumtype::kSum>(options.reduction())) {
    reduction = Reduction::Sum;
  } else if (std::holds_alternative<enumtype::kNone>(options.reduction())) {
    reduction = Reduction::None;
  }
  Tensor loss = ember::kl_div(input, target, reduction, options.log_target());
  if (batch_mean && input.dim() != 0) loss = loss / input.size(0);
  return loss;
}

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target,
                        const PoissonNLLLossFuncOptions& options) {
  return ember::poisson_nll_loss(input, target, options.log_input(), options.full(), options.eps(),
                                 enumtype::reduction_get_enum(options.reduction()));
}

Tensor gaussian_nll_loss(const Tensor& input, const Tensor& target, const Tensor& var,
                         const GaussianNLLLossFuncOptions& options) {
  EMBER_CHECK(!ember::lt(var, 0).any().item<bool>(), "var has negative entry/entries");
  Tensor variance = var;
  if (var.sizes() != input.sizes()) {
    // A variance missing the last dim, or with one dim of size 1 where the input's differs,
    // is shared along that dim (homoscedastic); anything else is an error.
    const std::vector<int64_t> input_sizes = input.sizes().vec();
    const std::vector<int64_t> leading(input_sizes.begin(),
                                       input_sizes.end() - (input_sizes.empty() ? 0 : 1));
    int64_t mismatched = 0;
    if (input.dim() == var.dim()) {
      for (int64_t d = 0; d < input.dim(); ++d) {
        if (input.size(d) != var.size(d)) mismatched += var.size(d);
      }
    }
    if (!input_sizes.empty() && var.sizes().vec() == leading) {
      variance = var.unsqueeze(-1);
    } else {
      EMBER_CHECK(input.dim() == var.dim() && mismatched == 1, "var is of incorrect size");
    }
  }
  // PyTorch clamps a copy of the variance in place under no_grad: the gradient passes the
  // clamp unchanged.
  variance = nn::detail::clamp_min_keeping_gradient(variance, options.eps());
  Tensor loss = 0.5 * (ember::log(variance) + (input - target).square() / variance);
  if (options.full()) loss = loss + 0.5 * std::log(2 * std::numbers::pi);
  return nn::detail::apply_loss_reduction(loss, enumtype::reduction_get_enum(options.reduction()));
}

}  // namespace nn::functional
}  // namespace ember
