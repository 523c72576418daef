#pragma once

// Adam (Kingma and Ba): libtorch's torch::optim::Adam with PyTorch 2.x's torch.optim.Adam algorithm
// (weight decay added to the gradient, optional AMSGrad and maximisation).

#include <memory>
#include <tuple>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/optim/Optimizer.h"

namespace ember::optim {

struct EMBER_API AdamOptions : public OptimizerCloneableOptions<AdamOptions> {
  AdamOptions(double lr = 1e-3);  // NOLINT(google-explicit-constructor): Adam(params, 0.01)
  EMBER_ARG(double, lr) = 1e-3;
  typedef std::tuple<double, double> betas_t;
  EMBER_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  EMBER_ARG(double, eps) = 1e-8;
  EMBER_ARG(double, weight_decay) = 0;
  EMBER_ARG(bool, amsgrad) = false;
  EMBER_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(const double lr) override { this->lr(lr); }
  std::string to_json() const override;
  void load_json(const std::string& json) override;
  EMBER_API friend bool operator==(const AdamOptions& lhs, const AdamOptions& rhs);
};

struct EMBER_API AdamParamState : public OptimizerCloneableParamState<AdamParamState> {
  EMBER_ARG(int64_t, step) = 0;
  EMBER_ARG(Tensor, exp_avg);
  EMBER_ARG(Tensor, exp_avg_sq);
  EMBER_ARG(Tensor, max_exp_avg_sq) = {};

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  void load_named_tensors(const std::function<Tensor(const std::string&)>& find) override;
};

class EMBER_API Adam : public Optimizer {
 public:
  explicit Adam(std::vector<OptimizerParamGroup> param_groups, AdamOptions defaults = {});
  explicit Adam(std::vector<Tensor> params, AdamOptions defaults = {})
      : Adam(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, defaults) {}

  Tensor step(LossClosure closure = nullptr) override;

 protected:
  std::unique_ptr<OptimizerParamState> make_param_state() const override {
    return std::make_unique<AdamParamState>();
  }
};

}  // namespace ember::optim
