#include "ember/optim/schedulers/LRScheduler.h"

#include "ember/core/Check.h"

namespace ember::optim {

LRScheduler::LRScheduler(Optimizer& optimizer) : optimizer_(optimizer) {
  base_lrs_ = get_current_lrs();
  last_lr_ = base_lrs_;
}

void LRScheduler::step() {
  ++step_count_;
  set_optimizer_lrs(get_lrs());
  last_lr_ = get_current_lrs();
}

std::vector<double> LRScheduler::get_current_lrs() const {
  std::vector<double> lrs;
  lrs.reserve(optimizer_.param_groups().size());
  for (const auto& group : optimizer_.param_groups()) lrs.push_back(group.options().get_lr());
  return lrs;
}

void LRScheduler::set_optimizer_lrs(const std::vector<double>& learning_rates) {
  auto& groups = optimizer_.param_groups();
  EMBER_CHECK(learning_rates.size() == groups.size(),
              "The scheduler computed {} learning rates for an optimizer with {} parameter "
              "groups",
              learning_rates.size(), groups.size());
  for (size_t i = 0; i < groups.size(); ++i) groups[i].options().set_lr(learning_rates[i]);
}

}  // namespace ember::optim
