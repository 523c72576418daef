#pragma once

// CosineAnnealingLR: cosine annealing from the initial learning rate to eta_min over T_max
// epochs (and back up after, as a cosine does), computed with PyTorch's recursive form of
// torch.optim.lr_scheduler.CosineAnnealingLR so the values equal Python's.

#include <cstdint>

#include "ember/optim/schedulers/LRScheduler.h"

namespace ember::optim {

class EMBER_API CosineAnnealingLR : public LRScheduler {
 public:
  CosineAnnealingLR(Optimizer& optimizer, const int64_t T_max, const double eta_min = 0);

 private:
  std::vector<double> get_lrs() override;

  const int64_t T_max_;
  const double eta_min_;
};

}  // namespace ember::optim
