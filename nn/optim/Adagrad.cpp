#include "ember/optim/Adagrad.h"

#include "ember/core/GradMode.h"
#include "nn/optim/OptionsJson.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

using namespace detail;  // NOLINT(google-build-using-namespace)

AdagradOptions::AdagradOptions(double lr) : lr_(lr) {}

std::string AdagradOptions::to_json() const {
  return Json{{"lr", lr()},
              {"lr_decay", lr_decay()},
              {"eps", eps()},
              {"weight_decay", weight_decay()},
              {"initial_accumulator_value", initial_accumulator_value()},
              {"foreach", nullptr},
              {"maximize", maximize()},
              {"differentiable", false},
              {"fused", nullptr}}
      .dump();
}

void AdagradOptions::load_json(const std::string& json) {
  const Json j = parse_options(json, "Adagrad");
  lr(json_number(j, "lr", "Adagrad"));
  lr_decay(json_number(j, "lr_decay", "Adagrad"));
  eps(json_number(j, "eps", "Adagrad"));
  weight_decay(json_number(j, "weight_decay", "Adagrad"));
  initial_accumulator_value(json_number(j, "initial_accumulator_value", "Adagrad"));
  maximize(json_bool(j, "maximize", "Adagrad"));
}

bool operator==(const AdagradOptions& lhs, const AdagradOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.lr_decay() == rhs.lr_decay() &&
         lhs.weight_decay() == rhs.weight_decay() &&
         lhs.initial_accumulator_value() == rhs.initial_accumulator_value() &&
         lhs.eps() == rhs.eps() && lhs.maximize() == rhs.maximize();
}

std::vector<std::pair<std::string, Tensor>> AdagradParamState::named_tensors() const {
  return {{"step", step_tensor(step())}, {"sum", sum()}};
}

void AdagradParamState::load_named_tensors(const std::function<Tensor(const std::string&)>& find) {
  step(require_step(find));
  sum(require_state(find, "sum"));
}

namespace {

std::unique_ptr<AdagradParamState> fresh_state(const Tensor& param, const AdagradOptions& o) {
  auto state = std::make_unique<AdagradParamState>();
  state->sum(full_like(param, o.initial_accumulator_value()));
  return state;
}

// PyTorch's _single_tensor_adagrad (dense gradients), element by element.
template <class T>
void adagrad_fused(const Tensor& param, const Tensor& grad, const Tensor& sum, double clr,
                   const AdagradOptions& o) {
  T* p = param.data_ptr<T>();
  const T* g = grad.data_ptr<T>();
  T* s = sum.data_ptr<T>();
  const T weight_decay = static_cast<T>(o.weight_decay());
  const T eps = static_cast<T>(o.eps());
  const T neg_clr = static_cast<T>(-clr);
  with_flag(o.maximize(), [&](auto maximize) {
    with_flag(o.weight_decay() != 0, [&](auto decay) {
      for_each_element(param.numel(), [=](int64_t i) {
        T d = maximize ? -g[i] : g[i];
        if constexpr (decay) d = d + weight_decay * p[i];
        const T si = s[i] + T(1) * d * d;
        s[i] = si;
        const T std_dev = std::sqrt(si) + eps;
        p[i] = p[i] + neg_clr * d / std_dev;
      });
    });
  });
}

}  // namespace

Adagrad::Adagrad(std::vector<OptimizerParamGroup> param_groups, AdagradOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdagradOptions>(defaults)) {
  EMBER_CHECK(defaults.lr() >= 0, "Invalid learning rate: {}", defaults.lr());
  EMBER_CHECK(defaults.lr_decay() >= 0, "Invalid lr_decay value: {}", defaults.lr_decay());
  EMBER_CHECK(defaults.weight_decay() >= 0, "Invalid weight_decay value: {}",
              defaults.weight_decay());
  EMBER_CHECK(defaults.initial_accumulator_value() >= 0,
              "Invalid initial_accumulator_value value: {}", defaults.initial_accumulator_value());
  EMBER_CHECK(defaults.eps() >= 0, "Invalid epsilon value: {}", defaults.eps());
  NoGradGuard no_grad;
  for (const auto& group : param_groups_) {
    const auto& o = static_cast<const AdagradOptions&>(group.options());
    for (const auto& param : group.params()) state_[state_key(param)] = fresh_state(param, o);
  }
}

Tensor Adagrad::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const AdagradOptions&>(group.options());
    for (auto& param : group.params()) {
      const Tensor& grad = param.grad();
      if (!grad.defined()) continue;
      auto& slot = state_[state_key(param)];
      if (!slot) slot = fresh_state(param, o);
      auto& state = static_cast<AdagradParamState&>(*slot);
      state.step(state.step() + 1);
      const double clr = o.lr() / (1 + static_cast<double>(state.step() - 1) * o.lr_decay());
      Tensor& sum = state.sum();
      if (use_fused_cpu_loop(param, grad, {&sum})) {
        with_float_type(param.dtype(), [&](auto* type) {
          using T = std::remove_pointer_t<decltype(type)>;
          adagrad_fused<T>(param, grad, sum, clr, o);
        });
        bump_versions({&param, &sum});
        continue;
      }
      // General path (CUDA, half precision, non-contiguous tensors): public in-place ops.
      const Tensor d = effective_grad(param, grad, o.maximize(), o.weight_decay());
      addcmul_(sum, d, d, 1);
      const Tensor std_dev = sum.sqrt().add_(o.eps());
      addcdiv_(param, d, std_dev, -clr);
    }
  }
  return loss;
}

}  // namespace ember::optim
