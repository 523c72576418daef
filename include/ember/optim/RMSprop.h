#pragma once

// RMSprop (Hinton): libtorch's torch::optim::RMSprop with PyTorch 2.x's torch.optim.RMSprop
// algorithm (optional momentum, centred variant, weight decay, maximisation).

#include <memory>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/optim/Optimizer.h"

namespace ember::optim {

struct EMBER_API RMSpropOptions : public OptimizerCloneableOptions<RMSpropOptions> {
  RMSpropOptions(double lr = 1e-2);  // NOLINT(google-explicit-constructor)
  EMBER_ARG(double, lr) = 1e-2;
  EMBER_ARG(double, alpha) = 0.99;
  EMBER_ARG(double, eps) = 1e-8;
  EMBER_ARG(double, weight_decay) = 0;
  EMBER_ARG(double, momentum) = 0;
  EMBER_ARG(bool, centered) = false;
  EMBER_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(const double lr) override { this->lr(lr); }
  std::string to_json() const override;
  void load_json(const std::string& json) override;
  EMBER_API friend bool operator==(const RMSpropOptions& lhs, const RMSpropOptions& rhs);
};

struct EMBER_API RMSpropParamState : public OptimizerCloneableParamState<RMSpropParamState> {
  EMBER_ARG(int64_t, step) = 0;
  EMBER_ARG(Tensor, square_avg);
  EMBER_ARG(Tensor, momentum_buffer) = {};
  EMBER_ARG(Tensor, grad_avg) = {};

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  void load_named_tensors(const std::function<Tensor(const std::string&)>& find) override;
};

class EMBER_API RMSprop : public Optimizer {
 public:
  explicit RMSprop(std::vector<OptimizerParamGroup> param_groups, RMSpropOptions defaults = {});
  explicit RMSprop(std::vector<Tensor> params, RMSpropOptions defaults = {})
      : RMSprop(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))},
                defaults) {}

  Tensor step(LossClosure closure = nullptr) override;

 protected:
  std::unique_ptr<OptimizerParamState> make_param_state() const override {
    return std::make_unique<RMSpropParamState>();
  }
};

}  // namespace ember::optim
