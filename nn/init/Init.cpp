#include "ember/nn/Init.h"

#include <cmath>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"

namespace ember::nn::init {
namespace {

int64_t correct_fan(const Tensor& tensor, const FanModeType& mode) {
  auto [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  return std::holds_alternative<enumtype::kFanIn>(mode) ? fan_in : fan_out;
}

// Zero-element tensors are left alone, as PyTorch does (it warns).
bool has_elements(const Tensor& tensor) {
  EMBER_CHECK(tensor.defined(), "nn::init: the tensor to initialise is undefined");
  return tensor.numel() != 0;
}

}  // namespace

double calculate_gain(NonlinearityType nonlinearity, double param) {
  return std::visit(
      [&](const auto& kind) -> double {
        using Kind = std::decay_t<decltype(kind)>;
        if constexpr (std::is_same_v<Kind, enumtype::kTanh>) {
          return 5.0 / 3;
        } else if constexpr (std::is_same_v<Kind, enumtype::kReLU>) {
          return std::sqrt(2.0);
        } else if constexpr (std::is_same_v<Kind, enumtype::kLeakyReLU>) {
          return std::sqrt(2.0 / (1 + std::pow(param, 2)));
        } else if constexpr (std::is_same_v<Kind, enumtype::kSELU>) {
          return 3.0 / 4;
        } else {
          return 1.0;  // linear, convolutions, sigmoid
        }
      },
      nonlinearity);
}

std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const Tensor& tensor) {
  EMBER_CHECK(tensor.dim() >= 2,
              "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  int64_t receptive_field = 1;
  for (int64_t d = 2; d < tensor.dim(); ++d) receptive_field *= tensor.size(d);
  return {tensor.size(1) * receptive_field, tensor.size(0) * receptive_field};
}

Tensor uniform_(Tensor tensor, double low, double high) {
  NoGradGuard no_grad;
  if (has_elements(tensor)) tensor.uniform_(low, high);
  return tensor;
}

Tensor normal_(Tensor tensor, double mean, double std) {
  NoGradGuard no_grad;
  if (has_elements(tensor)) tensor.normal_(mean, std);
  return tensor;
}

Tensor constant_(Tensor tensor, Scalar value) {
  NoGradGuard no_grad;
  if (has_elements(tensor)) tensor.fill_(value);
  return tensor;
}

Tensor ones_(Tensor tensor) { return constant_(std::move(tensor), 1); }
Tensor zeros_(Tensor tensor) { return constant_(std::move(tensor), 0); }

Tensor eye_(Tensor matrix) {
  EMBER_CHECK(matrix.defined() && matrix.dim() == 2,
              "Only tensors with 2 dimensions are supported (got {})",
              matrix.defined() ? matrix.dim() : 0);
  NoGradGuard no_grad;
  matrix.copy_(ember::eye(matrix.size(0), matrix.size(1), matrix.options()));
  return matrix;
}

Tensor xavier_uniform_(Tensor tensor, double gain) {
  auto [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  const double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  const double a = std::sqrt(3.0) * std;
  return uniform_(std::move(tensor), -a, a);
}

Tensor xavier_normal_(Tensor tensor, double gain) {
  auto [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  const double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  return normal_(std::move(tensor), 0, std);
}

Tensor kaiming_uniform_(Tensor tensor, double a, FanModeType mode, NonlinearityType nonlinearity) {
  if (!has_elements(tensor)) return tensor;
  const double gain = calculate_gain(nonlinearity, a);
  const double std = gain / std::sqrt(static_cast<double>(correct_fan(tensor, mode)));
  const double bound = std::sqrt(3.0) * std;
  return uniform_(std::move(tensor), -bound, bound);
}

Tensor kaiming_normal_(Tensor tensor, double a, FanModeType mode, NonlinearityType nonlinearity) {
  if (!has_elements(tensor)) return tensor;
  const double gain = calculate_gain(nonlinearity, a);
  const double std = gain / std::sqrt(static_cast<double>(correct_fan(tensor, mode)));
  return normal_(std::move(tensor), 0, std);
}

}  // namespace ember::nn::init
