#pragma once

// A module's state and its file, as PyTorch's model.state_dict() / load_state_dict() and
// libtorch's torch::save(module, path) / torch::load(module, path).
//
// The state dict holds the module's parameters and buffers under their dotted names
// ("0.weight", "encoder.fc.bias"). The file is that state dict as a safetensors file (see
// ember/core/Safetensors.h), so
//   model.load_state_dict(safetensors.torch.load_file(path))   # Python
// loads what ember::save(model, path) writes, and a file Python saved with
//   safetensors.torch.save_file(model.state_dict(), path)
// loads into the same Ember model with ember::load(model, path).
//
// Loading copies the values into the module's existing tensors, in place and without
// recording gradients (as PyTorch's copy_ under no_grad): parameters keep their identity (an
// optimiser built before the load still holds them), their device, dtype and requires_grad;
// values of another dtype are converted. Every entry is checked before anything is copied,
// so a refused load leaves the module unchanged.

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "ember/core/Error.h"
#include "ember/core/Export.h"
#include "ember/core/OrderedDict.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Module.h"
#include "ember/nn/ModuleHolder.h"

namespace ember {
namespace nn {

/// Python's model.state_dict(): every parameter, then every buffer, under its dotted name
/// (the tensors themselves, detached).
EMBER_API OrderedDict<std::string, Tensor> state_dict(const Module& module);

/// What a non-strict load_state_dict left aside, as PyTorch's (missing_keys, unexpected_keys).
struct LoadStateDictResult {
  std::vector<std::string> missing_keys;     // in the module, not in the state dict
  std::vector<std::string> unexpected_keys;  // in the state dict, not in the module
};

/// Python's model.load_state_dict(state, strict): copies each entry into the module's tensor of
/// that name. Missing or unexpected names are an error when `strict`, and a shape mismatch
/// always is; the message lists them all, in PyTorch's words ("Error(s) in loading state_dict
/// for Sequential: ...").
EMBER_API LoadStateDictResult load_state_dict(Module& module,
                                              const OrderedDict<std::string, Tensor>& state,
                                              bool strict = true);

}  // namespace nn

namespace detail {
EMBER_API void save_module(const nn::Module& module, const std::string& path);
EMBER_API void load_module(nn::Module& module, const std::string& path);

template <typename M>
M& non_null_module(const std::shared_ptr<M>& module, const char* what) {
  if (module == nullptr) throw_error(std::string(what) + ": the module is null");
  return *module;
}
}  // namespace detail

/// Writes `module`'s state dict to `path` as a safetensors file (libtorch's torch::save).
template <typename M, typename = std::enable_if_t<std::is_base_of_v<nn::Module, M>>>
void save(const std::shared_ptr<M>& module, const std::string& path) {
  detail::save_module(detail::non_null_module(module, "ember::save"), path);
}
template <typename M>
void save(const nn::ModuleHolder<M>& module, const std::string& path) {
  save(module.ptr(), path);
}

/// Loads the safetensors file at `path` into `module` (strictly: every parameter and buffer,
/// nothing else), in place (libtorch's torch::load).
template <typename M, typename = std::enable_if_t<std::is_base_of_v<nn::Module, M>>>
void load(const std::shared_ptr<M>& module, const std::string& path) {
  detail::load_module(detail::non_null_module(module, "ember::load"), path);
}
template <typename M>
void load(const nn::ModuleHolder<M>& module, const std::string& path) {
  load(module.ptr(), path);
}

}  // namespace ember
