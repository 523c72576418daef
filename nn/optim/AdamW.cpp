#include "ember/optim/AdamW.h"

#include "ember/core/GradMode.h"
#include "nn/optim/AdamUpdate.h"

namespace ember::optim {

AdamWOptions::AdamWOptions(double lr) : lr_(lr) {}

std::string AdamWOptions::to_json() const {
  return detail::adam_options_json(*this, /*decoupled_weight_decay=*/true);
}

void AdamWOptions::load_json(const std::string& json) {
  detail::load_adam_options(*this, json, "AdamW");
}

bool operator==(const AdamWOptions& lhs, const AdamWOptions& rhs) {
  return detail::adam_options_equal(lhs, rhs);
}

AdamW::AdamW(std::vector<OptimizerParamGroup> param_groups, AdamWOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdamWOptions>(defaults)) {
  detail::check_adam_arguments(defaults.lr(), defaults.eps(), defaults.betas(),
                               defaults.weight_decay());
}

Tensor AdamW::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  detail::adam_step<AdamWOptions, AdamWParamState>(param_groups_, state_,
                                                   /*decoupled_weight_decay=*/true);
  return loss;
}

}  // namespace ember::optim
