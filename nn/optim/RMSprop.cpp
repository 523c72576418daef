#include "ember/optim/RMSprop.h"

#include "ember/core/GradMode.h"
#include "nn/optim/OptionsJson.h"
#include "nn/optim/UpdateHelpers.h"

namespace ember::optim {

using namespace detail;  // NOLINT(google-build-using-namespace)

RMSpropOptions::RMSpropOptions(double lr) : lr_(lr) {}

std::string RMSpropOptions::to_json() const {
  return Json{{"lr", lr()},
              {"momentum", momentum()},
              {"alpha", alpha()},
              {"eps", eps()},
              {"centered", centered()},
              {"weight_decay", weight_decay()},
              {"capturable", false},
              {"foreach", nullptr},
              {"maximize", maximize()},
              {"differentiable", false}}
      .dump();
}

void RMSpropOptions::load_json(const std::string& json) {
  const Json j = parse_options(json, "RMSprop");
  lr(json_number(j, "lr", "RMSprop"));
  momentum(json_number(j, "momentum", "RMSprop"));
  alpha(json_number(j, "alpha", "RMSprop"));
  eps(json_number(j, "eps", "RMSprop"));
  centered(json_bool(j, "centered", "RMSprop"));
  weight_decay(json_number(j, "weight_decay", "RMSprop"));
  maximize(json_bool(j, "maximize", "RMSprop"));
}

bool operator==(const RMSpropOptions& lhs, const RMSpropOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.alpha() == rhs.alpha() && lhs.eps() == rhs.eps() &&
         lhs.weight_decay() == rhs.weight_decay() && lhs.momentum() == rhs.momentum() &&
         lhs.centered() == rhs.centered() && lhs.maximize() == rhs.maximize();
}

std::vector<std::pair<std::string, Tensor>> RMSpropParamState::named_tensors() const {
  std::vector<std::pair<std::string, Tensor>> out{{"step", step_tensor(step())},
                                                  {"square_avg", square_avg()}};
  if (momentum_buffer().defined()) out.emplace_back("momentum_buffer", momentum_buffer());
  if (grad_avg().defined()) out.emplace_back("grad_avg", grad_avg());
  return out;
}

void RMSpropParamState::load_named_tensors(const std::function<Tensor(const std::string&)>& find) {
  step(require_step(find));
  square_avg(require_state(find, "square_avg"));
  momentum_buffer(find("momentum_buffer"));
  grad_avg(find("grad_avg"));
}

RMSprop::RMSprop(std::vector<OptimizerParamGroup> param_groups, RMSpropOptions defaults)
    : Optimizer(std::move(param_groups), std::make_unique<RMSpropOptions>(defaults)) {
  EMBER_CHECK(defaults.lr() >= 0, "Invalid learning rate: {}", defaults.lr());
  EMBER_CHECK(defaults.eps() >= 0, "Invalid epsilon value: {}", defaults.eps());
  EMBER_CHECK(defaults.momentum() >= 0, "Invalid momentum value: {}", defaults.momentum());
  EMBER_CHECK(defaults.weight_decay() >= 0, "Invalid weight_decay value: {}",
              defaults.weight_decay());
  EMBER_CHECK(defaults.alpha() >= 0, "Invalid alpha value: {}", defaults.alpha());
}

namespace {

// PyTorch's _single_tensor_rmsprop, element by element.
template <class T>
void rmsprop_fused(const Tensor& param, const Tensor& grad, const RMSpropParamState& state,
                   const RMSpropOptions& o) {
  T* p = param.data_ptr<T>();
  const T* g = grad.data_ptr<T>();
  T* sq = state.square_avg().data_ptr<T>();
  T* buf = data_or_null<T>(state.momentum_buffer());
  T* g_avg = data_or_null<T>(state.grad_avg());
  const T weight_decay = static_cast<T>(o.weight_decay());
  const T alpha = static_cast<T>(o.alpha());
  const T one_minus_alpha = static_cast<T>(1 - o.alpha());
  const T eps = static_cast<T>(o.eps());
  const T momentum = static_cast<T>(o.momentum());
  const T neg_lr = static_cast<T>(-o.lr());
  with_flag(o.maximize(), [&](auto maximize) {
    with_flag(o.weight_decay() != 0, [&](auto decay) {
      with_flag(o.centered(), [&](auto centered) {
        with_flag(o.momentum() > 0, [&](auto use_momentum) {
          for_each_element(param.numel(), [=](int64_t i) {
            T d = maximize ? -g[i] : g[i];
            if constexpr (decay) d = d + weight_decay * p[i];
            T s = sq[i] * alpha;
            s = s + one_minus_alpha * d * d;
            sq[i] = s;
            T avg;
            if constexpr (centered) {
              const T ga = lerp(g_avg[i], d, one_minus_alpha);
              g_avg[i] = ga;
              avg = std::sqrt(s + T(-1) * ga * ga);
            } else {
              avg = std::sqrt(s);
            }
            avg = avg + eps;
            if constexpr (use_momentum) {
              const T b = buf[i] * momentum + T(1) * d / avg;
              buf[i] = b;
              p[i] = p[i] + neg_lr * b;
            } else {
              p[i] = p[i] + neg_lr * d / avg;
            }
          });
        });
      });
    });
  });
}

}  // namespace

Tensor RMSprop::step(LossClosure closure) {
  Tensor loss = evaluate_closure(closure);
  NoGradGuard no_grad;
  for (auto& group : param_groups_) {
    const auto& o = static_cast<const RMSpropOptions&>(group.options());
    for (auto& param : group.params()) {
      const Tensor& grad = param.grad();
      if (!grad.defined()) continue;
      auto& slot = state_[state_key(param)];
      if (!slot) {
        auto fresh = std::make_unique<RMSpropParamState>();
        fresh->square_avg(zeros_like(param));
        slot = std::move(fresh);
      }
      auto& state = static_cast<RMSpropParamState&>(*slot);
      if (o.momentum() > 0 && !state.momentum_buffer().defined())
        state.momentum_buffer(zeros_like(param));
      if (o.centered() && !state.grad_avg().defined()) state.grad_avg(zeros_like(param));
      state.step(state.step() + 1);
      Tensor& square_avg = state.square_avg();
      Tensor& buffer = state.momentum_buffer();
      Tensor& grad_avg = state.grad_avg();
      if (use_fused_cpu_loop(param, grad, {&square_avg, &buffer, &grad_avg})) {
        with_float_type(param.dtype(), [&](auto* type) {
          using T = std::remove_pointer_t<decltype(type)>;
          rmsprop_fused<T>(param, grad, state, o);
        });
        bump_versions({&param, &square_avg, &buffer, &grad_avg});
        continue;
      }
      // General path (CUDA, half precision, non-contiguous tensors): public in-place ops.
      const Tensor d = effective_grad(param, grad, o.maximize(), o.weight_decay());
      square_avg.mul_(o.alpha());
      addcmul_(square_avg, d, d, 1 - o.alpha());
      Tensor avg;
      if (o.centered()) {
        lerp_(grad_avg, d, 1 - o.alpha());
        avg = square_avg.add(grad_avg * grad_avg, -1).sqrt_();
      } else {
        avg = square_avg.sqrt();
      }
      avg.add_(o.eps());
      if (o.momentum() > 0) {
        buffer.mul_(o.momentum());
        addcdiv_(buffer, d, avg, 1);
        param.add_(buffer, -o.lr());
      } else {
        addcdiv_(param, d, avg, -o.lr());
      }
    }
  }
  return loss;
}

}  // namespace ember::optim
