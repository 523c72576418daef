#include "ember/optim/Adadelta.h"

#include "ember/core/GradMode.h"
#include "nn/optim/OptionsJson.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

using namespace detail;  // NOLINT(google-build-using-namespace)

AdadeltaOptions::AdadeltaOptions(double lr) : lr_(lr) {}

std::string AdadeltaOptions::to_json() const {
  return Json{{"lr", lr()},
              {"rho", rho()},
              {"eps", eps()},
              {"weight_decay", weight_decay()},
              {"maximize", maximize()},
              {"capturable", false},
              {"foreach", nullptr},
              {"differentiable", false}}
      .dump();
}

void AdadeltaOptions::load_json(const std::string& json) {
  const Json j = parse_options(json, "Adadelta");
  lr(json_number(j, "lr", "Adadelta"));
  rho(json_number(j, "rho", "Adadelta"));
  eps(json_number(j, "eps", "Adadelta"));
  weight_decay(json_number(j, "weight_decay", "Adadelta"));
  maximize(json_bool(j, "maximize", "Adadelta"));
}

bool operator==(const AdadeltaOptions& lhs, const AdadeltaOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.rho() == rhs.rho() && lhs.eps() == rhs.eps() &&
         lhs.weight_decay() == rhs.weight_decay() && lhs.maximize() == rhs.maximize();
}

std::vector<std::pair<std::string, Tensor>> AdadeltaParamState::named_tensors() const {
  return {{"step", step_tensor(step())}, {"square_avg", square_avg()}, {"acc_delta", acc_delta()}};
}

void AdadeltaParamState::load_named_tensors(const std::function<Tensor(const std::string&)>& find) {
  step(require_step(find));
  square_avg(require_state(find, "square_avg"));
  acc_delta(require_state(find, "acc_delta"));
}

Adadelta::Adadelta(std::vector<OptimizerParamGroup> param_groups, AdadeltaOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<AdadeltaOptions>(defaults)) {
  EMBER_CHECK(defaults.lr() >= 0, "Invalid learning rate: {}", defaults.lr());
  EMBER_CHECK(defaults.rho() >= 0 && defaults.rho() <= 1, "Invalid rho value: {}", defaults.rho());
  EMBER_CHECK(defaults.eps() >= 0, "Invalid epsilon value: {}", defaults.eps());
  EMBER_CHECK(defaults.weight_decay() >= 0, "Invalid weight_decay value: {}",
              defaults.weight_decay());
}

namespace {

// PyTorch's _single_tensor_adadelta, element by element.
template <class T>
void adadelta_fused(const Tensor& param, const Tensor& grad, const Tensor& square_avg,
                    const Tensor& acc_delta, const AdadeltaOptions& o) {
  T* p = param.data_ptr<T>();
  const T* g = grad.data_ptr<T>();
  T* sq = square_avg.data_ptr<T>();
  T* acc = acc_delta.data_ptr<T>();
  const T weight_decay = static_cast<T>(o.weight_decay());
  const T rho = static_cast<T>(o.rho());
  const T one_minus_rho = static_cast<T>(1 - o.rho());
  const T eps = static_cast<T>(o.eps());
  const T neg_lr = static_cast<T>(-o.lr());
  with_flag(o.maximize(), [&](auto maximize) {
    with_flag(o.weight_decay() != 0, [&](auto decay) {
      for_each_element(param.numel(), [=](int64_t i) {
        T d = maximize ? -g[i] : g[i];
        if constexpr (decay) d = d + weight_decay * p[i];
        T s = sq[i] * rho;
        s = s + one_minus_rho * d * d;
        sq[i] = s;
        const T std_dev = std::sqrt(s + eps);
        T delta = std::sqrt(acc[i] + eps);
        delta = delta / std_dev;
        delta = delta * d;
        T a = acc[i] * rho;
        acc[i] = a + one_minus_rho * delta * delta;
        p[i] = p[i] + neg_lr * delta;
      });
    });
  });
}

}  // namespace

Tensor Adadelta::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const AdadeltaOptions&>(group.options());
    for (auto& param : group.params()) {
      const Tensor& grad = param.grad();
      if (!grad.defined()) continue;
      auto& slot = state_[state_key(param)];
      if (!slot) {
        auto fresh = std::make_unique<AdadeltaParamState>();
        fresh->square_avg(zeros_like(param));
        fresh->acc_delta(zeros_like(param));
        slot = std::move(fresh);
      }
      auto& state = static_cast<AdadeltaParamState&>(*slot);
      state.step(state.step() + 1);
      Tensor& square_avg = state.square_avg();
      Tensor& acc_delta = state.acc_delta();
      if (use_fused_cpu_loop(param, grad, {&square_avg, &acc_delta})) {
        with_float_type(param.dtype(), [&](auto* type) {
          using T = std::remove_pointer_t<decltype(type)>;
          adadelta_fused<T>(param, grad, square_avg, acc_delta, o);
        });
        bump_versions({&param, &square_avg, &acc_delta});
        continue;
      }
      // General path (CUDA, half precision, non-contiguous tensors): public in-place ops.
      const Tensor d = effective_grad(param, grad, o.maximize(), o.weight_decay());
      square_avg.mul_(o.rho());
      addcmul_(square_avg, d, d, 1 - o.rho());
      const Tensor std_dev = square_avg.add(o.eps()).sqrt_();
      Tensor delta = acc_delta.add(o.eps()).sqrt_();
      delta.div_(std_dev).mul_(d);
      acc_delta.mul_(o.rho());
      addcmul_(acc_delta, delta, delta, 1 - o.rho());
      param.add_(delta, -o.lr());
    }
  }
  return loss;
}

}  // namespace ember::optim
