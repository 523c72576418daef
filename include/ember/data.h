#pragma once

// ember::data: datasets, samplers, transforms and data loaders (libtorch's <torch/data.h>).

#include "ember/core/Arg.h"
