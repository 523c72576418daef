#pragma once

// An optimiser's state as Python's optimizer.state_dict() holds it, in a form a tensor file
// format can store: the per-parameter state tensors by name and the parameter groups as JSON.

#include <string>

#include "ember/core/OrderedDict.h"
#include "ember/core/Tensor.h"

namespace ember::optim {

struct OptimizerStateDict {
  /// "state.<i>.<key>": i numbers the parameters over all groups in order, as Python does;
  /// keys as Python's (step, exp_avg, momentum_buffer, ...); step is a 0-d float32 tensor.
  OrderedDict<std::string, Tensor> tensors;
  /// Python's state_dict()["param_groups"] as JSON text.
  std::string param_groups_json;
};

}  // namespace ember::optim
