#pragma once

// The update shared by Adam and AdamW (internal to libember): PyTorch's _single_tensor_adam,
// where AdamW is Adam with decoupled weight decay.

#include "ember/core/Functions.h"
#include "ember/core/Tensor.h"

namespace ember::optim::detail {

struct AdamHyperParameters {
  double lr;
  double beta1;
  double beta2;
  double eps;
  double weight_decay;
  bool amsgrad;
  bool maximize;
  /// AdamW: the parameter decays by lr * weight_decay instead of the gradient growing by it.
  bool decoupled_weight_decay;
};

/// One update of `param`; `step` is the step count after this step (1 on the first). The state
/// tensors are defined (max_exp_avg_sq only with amsgrad).
void adam_update(const Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                 Tensor& max_exp_avg_sq, int64_t step, const AdamHyperParameters& h);

}  // namespace ember::optim::detail

#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "ember/optim/Optimizer.h"

namespace ember::optim::detail {

/// One step of Adam or AdamW (`Options`, `State`) over every parameter that has a gradient;
/// state is created on a parameter's first step, as Python's _init_group does.
template <class Options, class State>
void adam_step(std::vector<OptimizerParamGroup>& groups,
               std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>& states,
               bool decoupled_weight_decay) {
  for (auto& group : groups) {
    const auto& o = static_cast<const Options&>(group.options());
    const AdamHyperParameters h{o.lr(),       std::get<0>(o.betas()), std::get<1>(o.betas()),
                                o.eps(),      o.weight_decay(),       o.amsgrad(),
                                o.maximize(), decoupled_weight_decay};
    for (auto& param : group.params()) {
      const Tensor& grad = param.grad();
      if (!grad.defined()) continue;
      auto& slot = states[Optimizer::state_key(param)];
      if (!slot) {
        auto fresh = std::make_unique<State>();
        fresh->exp_avg(zeros_like(param));
        fresh->exp_avg_sq(zeros_like(param));
        slot = std::move(fresh);
      }
      auto& state = static_cast<State&>(*slot);
      if (h.amsgrad && !state.max_exp_avg_sq().defined()) state.max_exp_avg_sq(zeros_like(param));
      state.step(state.step() + 1);
      adam_update(param, grad, state.exp_avg(), state.exp_avg_sq(), state.max_exp_avg_sq(),
                  state.step(), h);
    }
  }
}

/// Adam's and AdamW's argument checks (Python's messages).
void check_adam_arguments(double lr, double eps, const std::tuple<double, double>& betas,
                          double weight_decay);

}  // namespace ember::optim::detail
