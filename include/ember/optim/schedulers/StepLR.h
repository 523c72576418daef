#pragma once

// StepLR: the learning rate is multiplied by gamma every step_size epochs (libtorch's
// torch::optim::StepLR; values as PyTorch's torch.optim.lr_scheduler.StepLR).

#include "ember/optim/schedulers/LRScheduler.h"

namespace ember::optim {

class EMBER_API StepLR : public LRScheduler {
 public:
  StepLR(Optimizer& optimizer, const unsigned step_size, const double gamma = 0.1);

 private:
  std::vector<double> get_lrs() override;

  const unsigned step_size_;
  const double gamma_;
};

}  // namespace ember::optim
