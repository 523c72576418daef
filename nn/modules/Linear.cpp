#include "ember/nn/modules/Linear.h"

#include <cmath>
#include <ostream>

#include "ember/core/Check.h"
#include "ember/core/Functions.h"
#include "ember/nn/Init.h"
#include "ember/nn/functional/Linear.h"
#include "nn/PythonFormat.h"

namespace ember::nn {

LinearOptions::LinearOptions(int64_t in_features, int64_t out_features)
    : in_features_(in_features), out_features_(out_features) {}

LinearImpl::LinearImpl(const LinearOptions& options_) : options(options_) { reset(); }

void LinearImpl::reset() {
  EMBER_CHECK(options.in_features() >= 0 && options.out_features() >= 0,
              "Linear: in_features and out_features must be non-negative (got in_features={}, "
              "out_features={})",
              options.in_features(), options.out_features());
  weight =
      register_parameter("weight", ember::empty({options.out_features(), options.in_features()}));
  bias =
      register_parameter("bias", options.bias() ? ember::empty({options.out_features()}) : Tensor(),
                         /*requires_grad=*/options.bias());
  reset_parameters();
}

void LinearImpl::reset_parameters() {
  init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    auto [fan_in, fan_out] = init::_calculate_fan_in_and_fan_out(weight);
    (void)fan_out;
    const double bound = fan_in > 0 ? 1 / std::sqrt(static_cast<double>(fan_in)) : 0;
    init::uniform_(bias, -bound, bound);
  }
}

void LinearImpl::pretty_print(std::ostream& stream) const {
  stream << "Linear(in_features=" << options.in_features()
         << ", out_features=" << options.out_features()
         << ", bias=" << detail::python_bool(options.bias()) << ")";
}

Tensor LinearImpl::forward(const Tensor& input) { return functional::linear(input, weight, bias); }

namespace functional {

Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  EMBER_CHECK(input.defined() && weight.defined(), "linear: input and weight must be defined");
  EMBER_CHECK(input.dim() >= 1 && weight.dim() == 2 && input.size(-1) == weight.size(1),
              "mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
              input.dim() >= 1 ? input.numel() / std::max<int64_t>(input.size(-1), 1) : 1,
              input.dim() >= 1 ? input.size(-1) : 1,
              weight.dim() == 2 ? weight.size(1) : weight.numel(),
              weight.dim() == 2 ? weight.size(0) : 1);
  if (input.dim() == 2 && bias.defined()) return ember::addmm(bias, input, weight.t());
  Tensor out = ember::matmul(input, weight.t());
  return bias.defined() ? out + bias : out;
}

}  // namespace functional
}  // namespace ember::nn
