#pragma once

// Ember: a C++20 tensor engine with libtorch's API. Include this one header; port a libtorch
// program by replacing <torch/torch.h> with <ember/ember.h> and torch:: with ember::.
// fmt::format support for tensors, devices, dtypes and scalars is in <ember/fmt.h>, so that
// this header does not pull fmt into every translation unit.

#include "ember/Version.h"
#include "ember/autograd/Autograd.h"
#include "ember/autograd/Dot.h"
#include "ember/autograd/Function.h"
#include "ember/autograd/Functional.h"
#include "ember/autograd/GradCheck.h"
#include "ember/autograd/Node.h"
#include "ember/core/ArrayRef.h"
#include "ember/core/CpuMemory.h"
#include "ember/core/Cuda.h"
#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Error.h"
#include "ember/core/Functions.h"
#include "ember/core/GradMode.h"
#include "ember/core/Half.h"
#include "ember/core/IValue.h"
#include "ember/core/Npy.h"
#include "ember/core/Printing.h"
#include "ember/core/Safetensors.h"
#include "ember/core/Scalar.h"
#include "ember/core/Serialize.h"
#include "ember/core/Tensor.h"
#include "ember/core/TensorIndexing.h"
#include "ember/core/TensorOptions.h"
#include "ember/core/functions/Linalg.h"
#include "ember/cuda/DeviceGuard.h"
#include "ember/cuda/Memory.h"
#include "ember/cuda/Stream.h"
#include "ember/data.h"
#include "ember/nn.h"
#include "ember/optim.h"
