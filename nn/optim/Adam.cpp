#include "ember/optim/Adam.h"

#include "ember/core/GradMode.h"
#include "nn/optim/AdamUpdate.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

AdamOptions::AdamOptions(double lr) : lr_(lr) {}

std::string AdamOptions::to_json() const {
  return detail::adam_options_json(*this, /*decoupled_weight_decay=*/false);
}

void AdamOptions::load_json(const std::string& json) {
  detail::load_adam_options(*this, json, "Adam");
}

bool operator==(const AdamOptions& lhs, const AdamOptions& rhs) {
  return detail::adam_options_equal(lhs, rhs);
}

Adam::Adam(std::vector<OptimizerParamGroup> param_groups, AdamOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdamOptions>(defaults)) {
  detail::check_adam_arguments(defaults.lr(), defaults.eps(), defaults.betas(),
                               defaults.weight_decay());
}

Tensor Adam::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  detail::adam_step<AdamOptions, AdamParamState>(param_groups_, state_,
                                                 /*decoupled_weight_decay=*/false);
  return loss;
}

std::vector<std::pair<std::string, Tensor>> AdamParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out{
      {"step", detail::step_tensor(step())}, {"exp_avg", exp_avg()}, {"exp_avg_sq", exp_avg_sq()}};
  if (max_exp_avg_sq().defined()) out.emplace_back("max_exp_avg_sq", max_exp_avg_sq());
  return out;
}

void AdamParamState::load_named_tensors(const std::function<Tensor(const std::string&)>& find) {
  step(detail::require_step(find));
  exp_avg(detail::require_state(find, "exp_avg"));
  exp_avg_sq(detail::require_state(find, "exp_avg_sq"));
  max_exp_avg_sq(find("max_exp_avg_sq"));
}

}  // namespace ember::optim
