// ember::save / ember::load for tensors: the .npy format (see core/Npy.cpp).

#include "ember/core/Serialize.h"

#include "ember/core/Npy.h"

namespace ember {

void save(const Tensor& tensor, const std::string& path) { npy::save(path, tensor); }

Tensor load(const std::string& path) { return npy::load(path); }

void load(Tensor& tensor, const std::string& path) { tensor = npy::load(path); }

}  // namespace ember
