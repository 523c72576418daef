#pragma once

// ReduceLROnPlateau: the learning rate is multiplied by `factor` when a metric has stopped
// improving for `patience` epochs (libtorch 2.x's torch::optim::ReduceLROnPlateauScheduler,
// with PyTorch's torch.optim.lr_scheduler.ReduceLROnPlateau behaviour; all values in double
// precision as in Python). Also named ReduceLROnPlateau.

#include <optional>
#include <vector>

#include "ember/core/Export.h"
#include "ember/optim/Optimizer.h"

namespace ember::optim {

class EMBER_API ReduceLROnPlateauScheduler {
 public:
  enum SchedulerMode { min, max };
  enum ThresholdMode { rel, abs };

  /// `min_lr`: empty (0 for every group), one value for every group, or one per group.
  /// `verbose` prints each reduction ("Epoch 5: reducing learning rate of group 0 to
  /// 1.0000e-02.").
  explicit ReduceLROnPlateauScheduler(Optimizer& optimizer, SchedulerMode mode = min,
                                      double factor = 0.1, int patience = 10,
                                      double threshold = 1e-4, ThresholdMode threshold_mode = rel,
                                      int cooldown = 0, const std::vector<double>& min_lr = {},
                                      double eps = 1e-8, bool verbose = false);
  virtual ~ReduceLROnPlateauScheduler() = default;

  /// Records one epoch's metric and reduces the learning rates if it has plateaued.
  void step(double metric);
  /// The optimiser's learning rates after the last step (at construction: the current ones).
  const std::vector<double>& get_last_lr() const noexcept { return last_lr_; }
  /// Epochs recorded so far.
  int last_epoch() const noexcept { return last_epoch_; }

 private:
  bool is_better(double a, double best) const;
  void reduce_lr();

  Optimizer& optimizer_;
  SchedulerMode mode_;
  double factor_;
  int patience_;
  double threshold_;
  ThresholdMode threshold_mode_;
  int cooldown_;
  std::vector<double> min_lrs_;
  /// The one min_lr given for every group (also for groups added later), if not one per group.
  std::optional<double> default_min_lr_;
  double eps_;
  bool verbose_;
  double best_;
  int num_bad_epochs_ = 0;
  int cooldown_counter_ = 0;
  int last_epoch_ = 0;
  std::vector<double> last_lr_;
};

using ReduceLROnPlateau = ReduceLROnPlateauScheduler;

}  // namespace ember::optim
