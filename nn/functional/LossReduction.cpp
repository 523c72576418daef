#include "nn/functional/LossReduction.h"

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/nn/Reduction.h"

namespace ember::nn::detail {

void check_reduction(int64_t reduction) {
  EMBER_CHECK(reduction >= Reduction::None && reduction < Reduction::END,
              "{} is not a valid value for reduction (expected 0 = None, 1 = Mean or 2 = Sum)",
              reduction);
}

Tensor apply_loss_reduction(const Tensor& loss, int64_t reduction) {
  check_reduction(reduction);
  if (reduction == Reduction::Mean) return loss.mean();
  if (reduction == Reduction::Sum) return loss.sum();
  return loss;
}

void check_floating(Dtype dtype, std::string_view kernel_name) {
  EMBER_CHECK(is_floating_type(dtype), "\"{}\" not implemented for '{}'", kernel_name, dtype);
}

}  // namespace ember::nn::detail
