#include "ember/optim/AdamW.h"

#include "ember/core/GradMode.h"
#include "nn/optim/AdamUpdate.h"
#include "nn/optim/OptionsJson.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

using namespace detail;  // NOLINT(google-build-using-namespace)

AdamWOptions::AdamWOptions(double lr) : lr_(lr) {}

std::string AdamWOptions::to_json() const {
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
              {"decoupled_weight_decay", true}}
      .dump();
}

void AdamWOptions::load_json(const std::string& json) {
  const Json j = parse_options(json, "AdamW");
  lr(json_number(j, "lr", "AdamW"));
  betas(json_betas(j, "AdamW"));
  eps(json_number(j, "eps", "AdamW"));
  weight_decay(json_number(j, "weight_decay", "AdamW"));
  amsgrad(json_bool(j, "amsgrad", "AdamW"));
  maximize(json_bool(j, "maximize", "AdamW"));
}

bool operator==(const AdamWOptions& lhs, const AdamWOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.betas() == rhs.betas() && lhs.eps() == rhs.eps() &&
         lhs.weight_decay() == rhs.weight_decay() && lhs.amsgrad() == rhs.amsgrad() &&
         lhs.maximize() == rhs.maximize();
}

AdamW::AdamW(std::vector<OptimizerParamGroup> param_groups, AdamWOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdamWOptions>(defaults)) {
  check_adam_arguments(defaults.lr(), defaults.eps(), defaults.betas(), defaults.weight_decay());
}

Tensor AdamW::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  adam_step<AdamWOptions, AdamWParamState>(param_groups_, state_, /*decoupled_weight_decay=*/true);
  return loss;
}

}  // namespace ember::optim
