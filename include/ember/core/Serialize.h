#pragma once

// ember::save / ember::load for tensors, as libtorch's torch::save / torch::load. Ember's
// tensor file format is NumPy's .npy (see ember/core/Npy.h), so numpy.load reads what
// ember::save writes, and ember::load reads any supported .npy file.

#include <string>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember {

/// Saves `tensor` to `path` as a .npy file.
EMBER_API void save(const Tensor& tensor, const std::string& path);
/// Loads the tensor stored at `path` (a .npy file) onto the CPU.
EMBER_API Tensor load(const std::string& path);
/// libtorch's form: replaces `tensor` with the one stored at `path`.
EMBER_API void load(Tensor& tensor, const std::string& path);

}  // namespace ember
