#include "nn/optim/AdamUpdate.h"

#include <cmath>

#include "nn/optim/UpdateHelpers.h"

namespace ember::optim::detail {

namespace {

template <class T>
void adam_fused(const Tensor& param, const Tensor& grad, const Tensor& exp_avg,
                const Tensor& exp_avg_sq, const Tensor& max_exp_avg_sq, double step_size,
                double bias_correction2_sqrt, const AdamHyperParameters& h) {
  T* p = param.data_ptr<T>();
  const T* g = grad.data_ptr<T>();
  T* m = exp_avg.data_ptr<T>();
  T* v = exp_avg_sq.data_ptr<T>();
  T* v_max = data_or_null<T>(max_exp_avg_sq);
  // Python's scalars, rounded to the element type as PyTorch's kernels round them.
  const T weight_decay = static_cast<T>(h.weight_decay);
  const T decay_factor = static_cast<T>(1 - h.lr * h.weight_decay);
  const T one_minus_beta1 = static_cast<T>(1 - h.beta1);
  const T beta2 = static_cast<T>(h.beta2);
  const T one_minus_beta2 = static_cast<T>(1 - h.beta2);
  const T bc2_sqrt = static_cast<T>(bias_correction2_sqrt);
  const T eps = static_cast<T>(h.eps);
  const T neg_step_size = static_cast<T>(-step_size);
  with_flag(h.maximize, [&](auto maximize) {
    with_flag(h.weight_decay != 0 && !h.decoupled_weight_decay, [&](auto coupled_decay) {
      with_flag(h.weight_decay != 0 && h.decoupled_weight_decay, [&](auto decoupled_decay) {
        with_flag(h.amsgrad, [&](auto amsgrad) {
          for_each_element(param.numel(), [=](int64_t i) {
            T d = maximize ? -g[i] : g[i];
            T pi = p[i];
            if constexpr (decoupled_decay) pi = pi * decay_factor;
            if constexpr (coupled_decay) d = d + weight_decay * pi;
            const T mi = lerp(m[i], d, one_minus_beta1);
            T vi = v[i] * beta2;
            vi = vi + one_minus_beta2 * d * d;
            m[i] = mi;
            v[i] = vi;
            if constexpr (amsgrad) {
              vi = maximum(v_max[i], vi);
              v_max[i] = vi;
            }
            const T denom = std::sqrt(vi) / bc2_sqrt + eps;
            p[i] = pi + neg_step_size * mi / denom;
          });
        });
      });
    });
  });
}

}  // namespace

void adam_update(const Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                 Tensor& max_exp_avg_sq, int64_t step, const AdamHyperParameters& h) {
  const double bias_correction1 = 1 - std::pow(h.beta1, static_cast<double>(step));
  const double bias_correction2 = 1 - std::pow(h.beta2, static_cast<double>(step));
  const double step_size = h.lr / bias_correction1;
  const double bias_correction2_sqrt = std::pow(bias_correction2, 0.5);
  if (use_fused_cpu_loop(param, grad, {&exp_avg, &exp_avg_sq, &max_exp_avg_sq})) {
    with_float_type(param.dtype(), [&](auto* type) {
      using T = std::remove_pointer_t<decltype(type)>;
      adam_fused<T>(param, grad, exp_avg, exp_avg_sq, max_exp_avg_sq, step_size,
                    bias_correction2_sqrt, h);
    });
    bump_versions({&param, &exp_avg, &exp_avg_sq, &max_exp_avg_sq});
    return;
  }
  // General path (CUDA, half precision, non-contiguous tensors): public in-place ops.
  Tensor p = param;
  Tensor d = h.maximize ? grad.neg() : grad;
  if (h.weight_decay != 0) {
    if (h.decoupled_weight_decay) {
      p.mul_(1 - h.lr * h.weight_decay);
    } else {
      d = d.add(p, h.weight_decay);
    }
  }
  lerp_(exp_avg, d, 1 - h.beta1);
  exp_avg_sq.mul_(h.beta2);
  addcmul_(exp_avg_sq, d, d, 1 - h.beta2);
  Tensor denom;
  if (h.amsgrad) {
    max_exp_avg_sq.copy_(maximum(max_exp_avg_sq, exp_avg_sq));
    denom = (max_exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(h.eps);
  } else {
    denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(h.eps);
  }
  addcdiv_(p, exp_avg, denom, -step_size);
}

}  // namespace ember::optim::detail

namespace ember::optim::detail {

void check_adam_arguments(double lr, double eps, const std::tuple<double, double>& betas,
                          double weight_decay) {
  EMBER_CHECK(lr >= 0, "Invalid learning rate: {}", lr);
  EMBER_CHECK(eps >= 0, "Invalid epsilon value: {}", eps);
  EMBER_CHECK(0 <= std::get<0>(betas) && std::get<0>(betas) < 1,
              "Invalid beta parameter at index 0: {}", std::get<0>(betas));
  EMBER_CHECK(0 <= std::get<1>(betas) && std::get<1>(betas) < 1,
              "Invalid beta parameter at index 1: {}", std::get<1>(betas));
  EMBER_CHECK(weight_decay >= 0, "Invalid weight_decay value: {}", weight_decay);
}

}  // namespace ember::optim::detail
