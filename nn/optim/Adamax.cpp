#include "ember/optim/Adamax.h"

#include <cmath>

#include "ember/core/GradMode.h"
#include "nn/optim/AdamUpdate.h"
#include "nn/optim/OptionsJson.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

using namespace detail;  // NOLINT(google-build-using-namespace)

AdamaxOptions::AdamaxOptions(double lr) : lr_(lr) {}

std::string AdamaxOptions::to_json() const {
  return Json{{"lr", lr()},
              {"betas", {std::get<0>(betas()), std::get<1>(betas())}},
              {"eps", eps()},
              {"weight_decay", weight_decay()},
              {"foreach", nullptr},
              {"maximize", maximize()},
              {"differentiable", false},
              {"capturable", false}}
      .dump();
}

void AdamaxOptions::load_json(const std::string& json) {
  const Json j = parse_options(json, "Adamax");
  lr(json_number(j, "lr", "Adamax"));
  betas(json_betas(j, "Adamax"));
  eps(json_number(j, "eps", "Adamax"));
  weight_decay(json_number(j, "weight_decay", "Adamax"));
  maximize(json_bool(j, "maximize", "Adamax"));
}

bool operator==(const AdamaxOptions& lhs, const AdamaxOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.betas() == rhs.betas() && lhs.eps() == rhs.eps() &&
         lhs.weight_decay() == rhs.weight_decay() && lhs.maximize() == rhs.maximize();
}

std::vector<std::pair<std::string, Tensor>> AdamaxParamState::named_tensors() const {
  return {{"step", step_tensor(step())}, {"exp_avg", exp_avg()}, {"exp_inf", exp_inf()}};
}

void AdamaxParamState::load_named_tensors(const std::function<Tensor(const std::string&)>& find) {
  step(require_step(find));
  exp_avg(require_state(find, "exp_avg"));
  exp_inf(require_state(find, "exp_inf"));
}

Adamax::Adamax(std::vector<OptimizerParamGroup> param_groups, AdamaxOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdamaxOptions>(defaults)) {
  // Python checks these in the same order as Adam.
  check_adam_arguments(defaults.lr(), defaults.eps(), defaults.betas(), defaults.weight_decay());
}

namespace {

// PyTorch's _single_tensor_adamax, element by element.
template <class T>
void adamax_fused(const Tensor& param, const Tensor& grad, const Tensor& exp_avg,
                  const Tensor& exp_inf, double clr, const AdamaxOptions& o) {
  T* p = param.data_ptr<T>();
  const T* g = grad.data_ptr<T>();
  T* m = exp_avg.data_ptr<T>();
  T* u = exp_inf.data_ptr<T>();
  const T weight_decay = static_cast<T>(o.weight_decay());
  const T one_minus_beta1 = static_cast<T>(1 - std::get<0>(o.betas()));
  const T beta2 = static_cast<T>(std::get<1>(o.betas()));
  const T eps = static_cast<T>(o.eps());
  const T neg_clr = static_cast<T>(-clr);
  with_flag(o.maximize(), [&](auto maximize) {
    with_flag(o.weight_decay() != 0, [&](auto decay) {
      for_each_element(param.numel(), [=](int64_t i) {
        T d = maximize ? -g[i] : g[i];
        if constexpr (decay) d = d + weight_decay * p[i];
        const T mi = lerp(m[i], d, one_minus_beta1);
        m[i] = mi;
        const T ui = maximum(u[i] * beta2, std::abs(d) + eps);
        u[i] = ui;
        p[i] = p[i] + neg_clr * mi / ui;
      });
    });
  });
}

}  // namespace

Tensor Adamax::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const AdamaxOptions&>(group.options());
    for (auto& param : group.params()) {
      const Tensor& grad = param.grad();
      if (!grad.defined()) continue;
      auto& slot = state_[state_key(param)];
      if (!slot) {
        auto fresh = std::make_unique<AdamaxParamState>();
        fresh->exp_avg(zeros_like(param));
        fresh->exp_inf(zeros_like(param));
        slot = std::move(fresh);
      }
      auto& state = static_cast<AdamaxParamState&>(*slot);
      state.step(state.step() + 1);
      const double bias_correction =
          1 - std::pow(std::get<0>(o.betas()), static_cast<double>(state.step()));
      const double clr = o.lr() / bias_correction;
      Tensor& exp_avg = state.exp_avg();
      Tensor& exp_inf = state.exp_inf();
      if (use_fused_cpu_loop(param, grad, {&exp_avg, &exp_inf})) {
        with_float_type(param.dtype(), [&](auto* type) {
          using T = std::remove_pointer_t<decltype(type)>;
          adamax_fused<T>(param, grad, exp_avg, exp_inf, clr, o);
        });
        bump_versions({&param, &exp_avg, &exp_inf});
        continue;
      }
      // General path (CUDA, half precision, non-contiguous tensors): public in-place ops.
      const Tensor d = effective_grad(param, grad, o.maximize(), o.weight_decay());
      lerp_(exp_avg, d, 1 - std::get<0>(o.betas()));
      exp_inf.copy_(maximum(exp_inf.mul_(std::get<1>(o.betas())), d.abs().add_(o.eps())));
      addcdiv_(param, exp_avg, exp_inf, -clr);
    }
  }
  return loss;
}

}  // namespace ember::optim
