#include "ember/optim/schedulers/MultiStepLR.h"

#include <algorithm>
#include <cmath>

namespace ember::optim {

MultiStepLR::MultiStepLR(Optimizer& optimizer, std::vector<int64_t> milestones, const double gamma)
    : LRScheduler(optimizer), milestones_(std::move(milestones)), gamma_(gamma) {}

std::vector<double> MultiStepLR::get_lrs() {
  std::vector<double> lrs = get_current_lrs();
  const auto times =
      std::count(milestones_.begin(), milestones_.end(), static_cast<int64_t>(step_count_));
  if (times > 0)
    for (double& lr : lrs) lr *= std::pow(gamma_, static_cast<double>(times));
  return lrs;
}

}  // namespace ember::optim
