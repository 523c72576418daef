#include "ember/optim/Adam.h"

#include "ember/core/GradMode.h"
#include "nn/optim/AdamUpdate.h"
#include "nn/optim/OptionsJson.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

using namespace detail;  // NOLINT(google-build-using-namespace)

AdamOptions::AdamOptions(double lr) : lr_(lr) {}

std::string AdamOptions::to_json() const {
  return Json{{"lr", lr()},
              {"betas", {std::get<0>(betas()), std::get<1>(betas())}},
              {"eps", eps()},
              {"weight_decay", weight_decay()},
              {"amsgrad", amsgrad()},
              {"maximize", maximize()},
              {"foreach", nullptr},
              {"capturable", false},
              {"differentiable", false},
              {"fused", nullptr},
              {"decoupled_weight_decay", false}}
      .dump();
}

void AdamOptions::load_json(const std::string& json) {
  const Json j = parse_options(json, "Adam");
  lr(json_number(j, "lr", "Adam"));
  betas(json_betas(j, "Adam"));
  eps(json_number(j, "eps", "Adam"));
  weight_decay(json_number(j, "weight_decay", "Adam"));
  amsgrad(json_bool(j, "amsgrad", "Adam"));
  maximize(json_bool(j, "maximize", "Adam"));
}

bool operator==(const AdamOptions& lhs, const AdamOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.betas() == rhs.betas() && lhs.eps() == rhs.eps() &&
         lhs.weight_decay() == rhs.weight_decay() && lhs.amsgrad() == rhs.amsgrad() &&
         lhs.maximize() == rhs.maximize();
}

Adam::Adam(std::vector<OptimizerParamGroup> param_groups, AdamOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdamOptions>(defaults)) {
  check_adam_arguments(defaults.lr(), defaults.eps(), defaults.betas(), defaults.weight_decay());
}

Tensor Adam::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  adam_step<AdamOptions, AdamParamState>(param_groups_, state_, /*decoupled_weight_decay=*/false);
  return loss;
}

std::vector<std::pair<std::string, Tensor>> AdamParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out{
      {"step", step_tensor(step())}, {"exp_avg", exp_avg()}, {"exp_avg_sq", exp_avg_sq()}};
  if (max_exp_avg_sq().defined()) out.emplace_back("max_exp_avg_sq", max_exp_avg_sq());
  return out;
}

void AdamParamState::load_named_tensors(const std::function<Tensor(const std::string&)>& find) {
  step(require_step(find));
  exp_avg(require_state(find, "exp_avg"));
  exp_avg_sq(require_state(find, "exp_avg_sq"));
  max_exp_avg_sq(find("max_exp_avg_sq"));
}

}  // namespace ember::optim
