#pragma once

// ember::nn::init, as libtorch's torch::nn::init (Python's torch.nn.init): in-place
// initialisation of parameters, run without recording gradients. The bounds and standard
// deviations are computed with the same floating-point steps as PyTorch, so after the same
// manual_seed the same numbers are drawn.

#include <cstdint>
#include <tuple>
#include <variant>

#include "ember/core/Enum.h"
#include "ember/core/Export.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember::nn::init {

using NonlinearityType =
    std::variant<enumtype::kLinear, enumtype::kConv1D, enumtype::kConv2D, enumtype::kConv3D,
                 enumtype::kConvTranspose1D, enumtype::kConvTranspose2D, enumtype::kConvTranspose3D,
                 enumtype::kSigmoid, enumtype::kTanh, enumtype::kReLU, enumtype::kLeakyReLU,
                 enumtype::kSELU>;
using FanModeType = std::variant<enumtype::kFanIn, enumtype::kFanOut>;

/// The recommended gain for `nonlinearity` (`param`: leaky_relu's negative slope).
EMBER_API double calculate_gain(NonlinearityType nonlinearity, double param = 0.01);

EMBER_API Tensor uniform_(Tensor tensor, double low = 0, double high = 1);
EMBER_API Tensor normal_(Tensor tensor, double mean = 0, double std = 1);
EMBER_API Tensor constant_(Tensor tensor, Scalar value);
EMBER_API Tensor ones_(Tensor tensor);
EMBER_API Tensor zeros_(Tensor tensor);
/// The identity matrix (2-d tensors only).
EMBER_API Tensor eye_(Tensor matrix);
EMBER_API Tensor xavier_uniform_(Tensor tensor, double gain = 1.0);
EMBER_API Tensor xavier_normal_(Tensor tensor, double gain = 1.0);
EMBER_API Tensor kaiming_uniform_(Tensor tensor, double a = 0, FanModeType mode = ember::kFanIn,
                                  NonlinearityType nonlinearity = ember::kLeakyReLU);
EMBER_API Tensor kaiming_normal_(Tensor tensor, double a = 0, FanModeType mode = ember::kFanIn,
                                 NonlinearityType nonlinearity = ember::kLeakyReLU);

/// (fan_in, fan_out) of a weight of at least 2 dims: sizes 1 and 0 times the receptive field.
EMBER_API std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(const Tensor& tensor);

}  // namespace ember::nn::init
