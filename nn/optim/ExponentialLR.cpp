#include "ember/optim/schedulers/ExponentialLR.h"

namespace ember::optim {

ExponentialLR::ExponentialLR(Optimizer& optimizer, const double gamma)
    : LRScheduler(optimizer), gamma_(gamma) {}

std::vector<double> ExponentialLR::get_lrs() {
  std::vector<double> lrs = get_current_lrs();
  for (double& lr : lrs) lr *= gamma_;
  return lrs;
}

}  // namespace ember::optim
