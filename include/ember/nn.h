#pragma once

// ember::nn: modules, layers, losses, nn::functional, nn::init and nn::utils
// (libtorch's <torch/nn.h>).

#include "ember/core/Arg.h"
#include "ember/core/Enum.h"
#include "ember/core/OrderedDict.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/Init.h"
#include "ember/nn/Module.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/functional/Linear.h"
#include "ember/nn/modules/AnyModule.h"
#include "ember/nn/modules/Functional.h"
#include "ember/nn/modules/Linear.h"
#include "ember/nn/modules/ModuleDict.h"
#include "ember/nn/modules/ModuleList.h"
#include "ember/nn/modules/Sequential.h"
#include "ember/nn/LossFunctions.h"
#include "ember/nn/Reduction.h"
#include "ember/nn/functional/Loss.h"
#include "ember/nn/options/Loss.h"
#include "ember/nn/modules/Loss.h"
