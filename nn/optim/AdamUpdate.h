#pragma once

// What Adam and AdamW share (internal to libember): the update, PyTorch's _single_tensor_adam
// (AdamW is Adam with decoupled weight decay), the step over all groups, the argument checks
// and the options' JSON form.

#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "ember/core/Functions.h"
#include "ember/core/Tensor.h"
#include "ember/optim/Optimizer.h"
#include "nn/optim/OptionsJson.h"

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

/// Adam's, AdamW's and Adamax's argument checks (Python's messages).
void check_adam_arguments(double lr, double eps, const std::tuple<double, double>& betas,
                          double weight_decay);

/// Adam's or AdamW's options as Python's param_groups entry.
template <class Options>
std::string adam_options_json(const Options& o, bool decoupled_weight_decay) {
  return Json{{"lr", o.lr()},
              {"betas", {std::get<0>(o.betas()), std::get<1>(o.betas())}},
              {"eps", o.eps()},
              {"weight_decay", o.weight_decay()},
              {"amsgrad", o.amsgrad()},
              {"maximize", o.maximize()},
              {"foreach", nullptr},
              {"capturable", false},
              {"differentiable", false},
              {"fused", nullptr},
              {"decoupled_weight_decay", decoupled_weight_decay}}
      .dump();
}

template <class Options>
void load_adam_options(Options& o, const std::string& json, const char* optimizer) {
  const Json j = parse_options(json, optimizer);
  o.lr(json_number(j, "lr", optimizer));
  o.betas(json_betas(j, optimizer));
  o.eps(json_number(j, "eps", optimizer));
  o.weight_decay(json_number(j, "weight_decay", optimizer));
  o.amsgrad(json_bool(j, "amsgrad", optimizer));
  o.maximize(json_bool(j, "maximize", optimizer));
}

template <class Options>
bool adam_options_equal(const Options& lhs, const Options& rhs) {
  return lhs.lr() == rhs.lr() && lhs.betas() == rhs.betas() && lhs.eps() == rhs.eps() &&
         lhs.weight_decay() == rhs.weight_decay() && lhs.amsgrad() == rhs.amsgrad() &&
         lhs.maximize() == rhs.maximize();
}

}  // namespace ember::optim::detail
