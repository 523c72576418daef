#pragma once

// The base of the epoch-based learning-rate schedulers, as libtorch's
// torch::optim::LRScheduler, counting epochs as PyTorch's Python schedulers do: construction
// is epoch 0 (learning rates unchanged), each step() moves to the next epoch and sets every
// group's learning rate from get_lrs(), so the values equal Python's.

#include <vector>

#include "ember/core/Export.h"
#include "ember/optim/Optimizer.h"

namespace ember::optim {

class EMBER_API LRScheduler {
 public:
  /// The optimiser must outlive the scheduler (it is held by reference).
  explicit LRScheduler(Optimizer& optimizer);
  virtual ~LRScheduler() = default;

  /// Moves to the next epoch and sets the learning rates.
  void step();
  /// The learning rates this scheduler last set (at construction: the optimiser's).
  const std::vector<double>& get_last_lr() const noexcept { return last_lr_; }
  /// The current epoch (Python's last_epoch): 0 after construction, +1 per step().
  unsigned last_epoch() const noexcept { return step_count_; }

 protected:
  /// The learning rate of every group for epoch step_count_, one per parameter group.
  virtual std::vector<double> get_lrs() = 0;
  /// The optimiser's current learning rates, one per group.
  std::vector<double> get_current_lrs() const;

  /// The current epoch (Python's last_epoch).
  unsigned step_count_ = 0;
  /// The groups' learning rates when the scheduler was made (Python's base_lrs).
  std::vector<double> base_lrs_;

 private:
  void set_optimizer_lrs(const std::vector<double>& learning_rates);

  Optimizer& optimizer_;
  std::vector<double> last_lr_;
};

}  // namespace ember::optim
