#pragma once

// AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, libtorch's
// torch::optim::AdamW with PyTorch 2.x's torch.optim.AdamW algorithm.

#include <memory>
#include <tuple>
#include <vector>

#include "ember/core/Arg.h"
#include "ember/optim/Adam.h"
#include "ember/optim/Optimizer.h"

namespace ember::optim {

struct EMBER_API AdamWOptions : public OptimizerCloneableOptions<AdamWOptions> {
  AdamWOptions(double lr = 1e-3);  // NOLINT(google-explicit-constructor): AdamW(params, 0.01)
  EMBER_ARG(double, lr) = 1e-3;
  typedef std::tuple<double, double> betas_t;
  EMBER_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  EMBER_ARG(double, eps) = 1e-8;
  EMBER_ARG(double, weight_decay) = 1e-2;
  EMBER_ARG(bool, amsgrad) = false;
  EMBER_ARG(bool, maximize) = false;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(const double lr) override { this->lr(lr); }
  std::string to_json() const override;
  void load_json(const std::string& json) override;
  EMBER_API friend bool operator==(const AdamWOptions& lhs, const AdamWOptions& rhs);
};

/// The same state as Adam's.
struct EMBER_API AdamWParamState : public AdamParamState {
  std::unique_ptr<OptimizerParamState> clone() const override {
    return std::make_unique<AdamWParamState>(*this);
  }
};

class EMBER_API AdamW : public Optimizer {
 public:
  explicit AdamW(std::vector<OptimizerParamGroup> param_groups, AdamWOptions defaults = {});
  explicit AdamW(std::vector<Tensor> params, AdamWOptions defaults = {})
      : AdamW(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(params))}, defaults) {}

  Tensor step(LossClosure closure = nullptr) override;

 protected:
  std::unique_ptr<OptimizerParamState> make_param_state() const override {
    return std::make_unique<AdamWParamState>();
  }
};

}  // namespace ember::optim
