#pragma once

// ember::optim: optimisers and learning-rate schedulers (libtorch's <torch/optim.h>).

#include "ember/core/Arg.h"
