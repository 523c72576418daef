#include "ember/optim/schedulers/ReduceLROnPlateauScheduler.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "ember/core/Check.h"

namespace ember::optim {

ReduceLROnPlateauScheduler::ReduceLROnPlateauScheduler(Optimizer& optimizer, SchedulerMode mode,
                                                       double factor, int patience,
                                                       double threshold,
                                                       ThresholdMode threshold_mode, int cooldown,
                                                       const std::vector<double>& min_lr,
                                                       double eps, bool verbose)
    : optimizer_(optimizer),
      mode_(mode),
      factor_(factor),
      patience_(patience),
      threshold_(threshold),
      threshold_mode_(threshold_mode),
      cooldown_(cooldown),
      eps_(eps),
      verbose_(verbose) {
  EMBER_CHECK(factor < 1.0, "Factor should be < 1.0. (got {})", factor);
  const size_t groups = optimizer.param_groups().size();
  if (min_lr.size() <= 1) {
    default_min_lr_ = min_lr.empty() ? 0.0 : min_lr.front();
    min_lrs_.assign(groups, *default_min_lr_);
  } else {
    EMBER_CHECK(min_lr.size() == groups, "expected {} min_lrs, got {}", groups, min_lr.size());
    min_lrs_ = min_lr;
  }
  best_ = mode == min ? std::numeric_limits<double>::infinity()
                      : -std::numeric_limits<double>::infinity();
  for (const auto& group : optimizer.param_groups()) last_lr_.push_back(group.options().get_lr());
}

bool ReduceLROnPlateauScheduler::is_better(double a, double best) const {
  if (mode_ == min && threshold_mode_ == rel) return a < best * (1.0 - threshold_);
  if (mode_ == min && threshold_mode_ == abs) return a < best - threshold_;
  if (mode_ == max && threshold_mode_ == rel) return a > best * (threshold_ + 1.0);
  return a > best + threshold_;
}

void ReduceLROnPlateauScheduler::step(double metric) {
  ++last_epoch_;
  if (is_better(metric, best_)) {
    best_ = metric;
    num_bad_epochs_ = 0;
  } else {
    ++num_bad_epochs_;
  }
  if (cooldown_counter_ > 0) {
    --cooldown_counter_;
    num_bad_epochs_ = 0;  // bad epochs in cooldown do not count
  }
  if (num_bad_epochs_ > patience_) {
    reduce_lr();
    cooldown_counter_ = cooldown_;
    num_bad_epochs_ = 0;
  }
  last_lr_.clear();
  for (const auto& group : optimizer_.param_groups()) last_lr_.push_back(group.options().get_lr());
}

void ReduceLROnPlateauScheduler::reduce_lr() {
  auto& groups = optimizer_.param_groups();
  if (groups.size() != min_lrs_.size() && default_min_lr_) {
    min_lrs_.assign(groups.size(), *default_min_lr_);
  }
  EMBER_CHECK(groups.size() == min_lrs_.size(),
              "The number of param groups in the `optimizer` ({}) differs from when "
              "`ReduceLROnPlateau` was initialized ({}), usually due to a new param group being "
              "added to the optimizer; give one min_lr for all groups or one per group",
              groups.size(), min_lrs_.size());
  for (size_t i = 0; i < groups.size(); ++i) {
    const double old_lr = groups[i].options().get_lr();
    const double new_lr = std::max(old_lr * factor_, min_lrs_[i]);
    if (old_lr - new_lr > eps_) {
      groups[i].options().set_lr(new_lr);
      if (verbose_)
        fmt::print("Epoch {}: reducing learning rate of group {} to {:.4e}.\n", last_epoch_, i,
                   new_lr);
    }
  }
}

}  // namespace ember::optim
