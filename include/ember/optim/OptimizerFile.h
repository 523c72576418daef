#pragma once

// ember::save / ember::load of an optimiser's state (libtorch's torch::save(optimizer, path)):
// a safetensors file whose tensors are the state dict's ("state.<i>.<key>") and whose metadata
// entry "param_groups" holds the groups' options as JSON, as Python's state_dict() has them.
// Save the model and its optimiser to two files; load both to resume training.

#include <string>

#include "ember/core/Export.h"
#include "ember/optim/Optimizer.h"

namespace ember {

/// Writes `optimizer.state_dict()` to `path`.
EMBER_API void save(const optim::Optimizer& optimizer, const std::string& path);
/// Reads the file at `path` into `optimizer` (load_state_dict: same groups, same parameter
/// count and shapes, else an ember::Error naming what differs).
EMBER_API void load(optim::Optimizer& optimizer, const std::string& path);

}  // namespace ember
