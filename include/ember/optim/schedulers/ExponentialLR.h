#pragma once

// ExponentialLR: the learning rate is multiplied by gamma every epoch, as PyTorch's
// torch.optim.lr_scheduler.ExponentialLR.

#include "ember/optim/schedulers/LRScheduler.h"

namespace ember::optim {

class EMBER_API ExponentialLR : public LRScheduler {
 public:
  ExponentialLR(Optimizer& optimizer, const double gamma);

 private:
  std::vector<double> get_lrs() override;

  const double gamma_;
};

}  // namespace ember::optim
