#include "ember/optim/schedulers/CosineAnnealingLR.h"

#include <cmath>
#include <numbers>

#include "ember/core/Check.h"

namespace ember::optim {

CosineAnnealingLR::CosineAnnealingLR(Optimizer& optimizer, const int64_t T_max,
                                     const double eta_min)
    : LRScheduler(optimizer), T_max_(T_max), eta_min_(eta_min) {
  EMBER_CHECK(T_max > 0, "CosineAnnealingLR: T_max must be positive, got {}", T_max);
}

std::vector<double> CosineAnnealingLR::get_lrs() {
  // PyTorch's recursive form: each epoch's rate follows from the previous one, so a rate set
  // from outside (another scheduler, a user) carries on as in Python.
  const double pi = std::numbers::pi;
  const auto epoch = static_cast<int64_t>(step_count_);
  const auto T = static_cast<double>(T_max_);
  std::vector<double> lrs = get_current_lrs();
  const int64_t period = 2 * T_max_;
  const int64_t phase = ((epoch - 1 - T_max_) % period + period) % period;  // Python's modulo
  for (size_t i = 0; i < lrs.size(); ++i) {
    if (phase == 0) {
      lrs[i] = lrs[i] + (base_lrs_[i] - eta_min_) * (1 - std::cos(pi / T)) / 2;
    } else {
      lrs[i] = (1 + std::cos(pi * static_cast<double>(epoch) / T)) /
                   (1 + std::cos(pi * static_cast<double>(epoch - 1) / T)) * (lrs[i] - eta_min_) +
               eta_min_;
    }
  }
  return lrs;
}

}  // namespace ember::optim
