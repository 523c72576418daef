#pragma once

// ember::nn: modules, layers, losses, nn::functional, nn::init and nn::utils
// (libtorch's <torch/nn.h>).

#include "ember/core/Arg.h"
#include "ember/core/Enum.h"
#include "ember/core/OrderedDict.h"
