#pragma once

// Adamax (Kingma and Ba, Adam's infinity-norm variant): PyTorch 2.x's torch.optim.Adamax
// (Python-only in PyTorch), in libtorch's optimiser form.

#include <memory>
#include <tuple>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/optim/Optimizer.h"

namespace ember::optim {

struct EMBER_API AdamaxOptions : public OptimizerCloneableOptions<AdamaxOptions> {
  AdamaxOptions(double lr = 2e-3);  // NOLINT(google-explicit-constructor)
  EMBER_ARG(double, lr) = 2e-3;
  typedef std::tuple<double, double> betas_t;
  EMBER_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  EMBER_ARG(double, eps) = 1e-8;
  EMBER_ARG(double, weight_decay) = 0;
  EMBER_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(const double lr) override { this->lr(lr); }
  std::string to_json() const override;
  void load_json(const std::string& json) override;
  EMBER_API friend bool operator==(const AdamaxOptions& lhs, const AdamaxOptions& rhs);
};

struct EMBER_API AdamaxParamState : public OptimizerCloneableParamState<AdamaxParamState> {
  EMBER_ARG(int64_t, step) = 0;
  EMBER_ARG(Tensor, exp_avg);
  EMBER_ARG(Tensor, exp_inf);

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  void load_named_tensors(const std::function<Tensor(const std::string&)>& find) override;
};

class EMBER_API Adamax : public Optimizer {
 public:
  explicit Adamax(std::vector<OptimizerParamGroup> param_groups, AdamaxOptions defaults = {});
  explicit Adamax(std::vector<Tensor> params, AdamaxOptions defaults = {})
      : Adamax(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, defaults) {
  }

  Tensor step(LossClosure closure = nullptr) override;

 protected:
  std::unique_ptr<OptimizerParamState> make_param_state() const override {
    return std::make_unique<AdamaxParamState>();
  }
};

}  // namespace ember::optim
