#pragma once

// MultiStepLR: the learning rate is multiplied by gamma at each milestone epoch (by gamma^k
// for a milestone listed k times), as PyTorch's torch.optim.lr_scheduler.MultiStepLR.

#include <cstdint>
#include <vector>

#include "ember/optim/schedulers/LRScheduler.h"

namespace ember::optim {

class EMBER_API MultiStepLR : public LRScheduler {
 public:
  MultiStepLR(Optimizer& optimizer, std::vector<int64_t> milestones, const double gamma = 0.1);

 private:
  std::vector<double> get_lrs() override;

  const std::vector<int64_t> milestones_;
  const double gamma_;
};

}  // namespace ember::optim
