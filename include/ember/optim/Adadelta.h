#pragma once

// Adadelta (Zeiler): PyTorch 2.x's torch.optim.Adadelta (Python-only in PyTorch), in
// libtorch's optimiser form.

#include <memory>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/optim/Optimizer.h"

namespace ember::optim {

struct EMBER_API AdadeltaOptions : public OptimizerCloneableOptions<AdadeltaOptions> {
  AdadeltaOptions(double lr = 1.0);  // NOLINT(google-explicit-constructor)
  EMBER_ARG(double, lr) = 1.0;
  EMBER_ARG(double, rho) = 0.9;
  EMBER_ARG(double, eps) = 1e-6;
  EMBER_ARG(double, weight_decay) = 0;
  EMBER_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(const double lr) override { this->lr(lr); }
  std::string to_json() const override;
  void load_json(const std::string& json) override;
  EMBER_API friend bool operator==(const AdadeltaOptions& lhs, const AdadeltaOptions& rhs);
};

struct EMBER_API AdadeltaParamState : public OptimizerCloneableParamState<AdadeltaParamState> {
  EMBER_ARG(int64_t, step) = 0;
  EMBER_ARG(Tensor, square_avg);
  EMBER_ARG(Tensor, acc_delta);

 public:
  std::vector<std::pair<std::string, Tensor>> named_tensors() const override;
  void load_named_tensors(const std::function<Tensor(const std::string&)>& find) override;
};

class EMBER_API Adadelta : public Optimizer {
 public:
  explicit Adadelta(std::vector<OptimizerParamGroup> param_groups, AdadeltaOptions defaults = {});
  explicit Adadelta(std::vector<Tensor> params, AdadeltaOptions defaults = {})
      : Adadelta(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))},
                 defaults) {}

  Tensor step(LossClosure closure = nullptr) override;

 protected:
  std::unique_ptr<OptimizerParamState> make_param_state() const override {
    return std::make_unique<AdadeltaParamState>();
  }
};

}  // namespace ember::optim
