#include "ember/optim/SGD.h"

#include "ember/core/GradMode.h"
#include "nn/optim/OptionsJson.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

using namespace detail;  // NOLINT(google-build-using-namespace)

SGDOptions::SGDOptions(double lr) : lr_(lr) {}

std::string SGDOptions::to_json() const {
  return Json{{"lr", lr()},
              {"momentum", momentum()},
              {"dampening", dampening()},
              {"weight_decay", weight_decay()},
              {"nesterov", nesterov()},
              {"maximize", maximize()},
              {"foreach", nullptr},
              {"differentiable", false},
              {"fused", nullptr}}
      .dump();
}

void SGDOptions::load_json(const std::string& json) {
  const Json j = parse_options(json, "SGD");
  lr(json_number(j, "lr", "SGD"));
  momentum(json_number(j, "momentum", "SGD"));
  dampening(json_number(j, "dampening", "SGD"));
  weight_decay(json_number(j, "weight_decay", "SGD"));
  nesterov(json_bool(j, "nesterov", "SGD"));
  maximize(json_bool(j, "maximize", "SGD"));
}

bool operator==(const SGDOptions& lhs, const SGDOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.momentum() == rhs.momentum() &&
         lhs.dampening() == rhs.dampening() && lhs.weight_decay() == rhs.weight_decay() &&
         lhs.nesterov() == rhs.nesterov() && lhs.maximize() == rhs.maximize();
}

std::vector<std::pair<std::string, Tensor>> SGDParamState::named_tensors() const {
  if (!momentum_buffer().defined()) return {};
  return {{"momentum_buffer", momentum_buffer()}};
}

void SGDParamState::load_named_tensors(const std::function<Tensor(const std::string&)>& find) {
  momentum_buffer(find("momentum_buffer"));
}

SGD::SGD(std::vector<OptimizerParamGroup> param_groups, SGDOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<SGDOptions>(defaults)) {
  EMBER_CHECK(defaults.lr() >= 0, "Invalid learning rate: {}", defaults.lr());
  EMBER_CHECK(defaults.momentum() >= 0, "Invalid momentum value: {}", defaults.momentum());
  EMBER_CHECK(defaults.weight_decay() >= 0, "Invalid weight_decay value: {}",
              defaults.weight_decay());
  EMBER_CHECK(!defaults.nesterov() || (defaults.momentum() > 0 && defaults.dampening() == 0),
              "Nesterov momentum requires a momentum and zero dampening");
}

namespace {

// PyTorch's _single_tensor_sgd, element by element.
template <class T>
void sgd_fused(const Tensor& param, const Tensor& grad, const Tensor& buffer, bool first_step,
               const SGDOptions& o) {
  T* p = param.data_ptr<T>();
  const T* g = grad.data_ptr<T>();
  T* buf = data_or_null<T>(buffer);
  const T weight_decay = static_cast<T>(o.weight_decay());
  const T momentum = static_cast<T>(o.momentum());
  const T one_minus_dampening = static_cast<T>(1 - o.dampening());
  const T neg_lr = static_cast<T>(-o.lr());
  with_flag(o.maximize(), [&](auto maximize) {
    with_flag(o.weight_decay() != 0, [&](auto decay) {
      with_flag(o.momentum() != 0, [&](auto use_momentum) {
        with_flag(o.nesterov(), [&](auto nesterov) {
          for_each_element(param.numel(), [=](int64_t i) {
            T d = maximize ? -g[i] : g[i];
            if constexpr (decay) d = d + weight_decay * p[i];
            if constexpr (use_momentum) {
              // First step: the buffer is a copy of the gradient.
              const T b = first_step ? d : buf[i] * momentum + one_minus_dampening * d;
              buf[i] = b;
              d = nesterov ? d + momentum * b : b;
            }
            p[i] = p[i] + neg_lr * d;
          });
        });
      });
    });
  });
}

}  // namespace

Tensor SGD::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& options = static_cast<const SGDOptions&>(group.options());
    const bool use_momentum = options.momentum() != 0;
    for (auto& param : group.params()) {
      const Tensor& grad = param.grad();
      if (!grad.defined()) continue;
      SGDParamState* state = nullptr;
      if (use_momentum) {
        auto& slot = state_[state_key(param)];
        if (!slot) slot = std::make_unique<SGDParamState>();
        state = static_cast<SGDParamState*>(slot.get());
      }
      const bool first_step = use_momentum && !state->momentum_buffer().defined();
      if (first_step && use_fused_cpu_loop(param, grad, {})) {
        state->momentum_buffer(empty_like(param));
      }
      Tensor buffer = use_momentum ? state->momentum_buffer() : Tensor();
      if (use_fused_cpu_loop(param, grad, {&buffer})) {
        with_float_type(param.dtype(), [&](auto* type) {
          using T = std::remove_pointer_t<decltype(type)>;
          sgd_fused<T>(param, grad, buffer, first_step, options);
        });
        bump_versions({&param, &buffer});
        continue;
      }
      // General path (CUDA, half precision, non-contiguous tensors): public in-place ops.
      Tensor d = effective_grad(param, grad, options.maximize(), options.weight_decay());
      if (use_momentum) {
        if (!buffer.defined()) {
          buffer = d.detach().clone();
          state->momentum_buffer(buffer);
        } else {
          buffer.mul_(options.momentum()).add_(d, 1 - options.dampening());
        }
        d = options.nesterov() ? d.add(buffer, options.momentum()) : buffer;
      }
      param.add_(d, -options.lr());
    }
  }
  return loss;
}

}  // namespace ember::optim
