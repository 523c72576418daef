// A module's state dict and its safetensors file (see ember/nn/ModuleFile.h). The checks and
// messages are PyTorch's Module.load_state_dict (torch/nn/modules/module.py); unlike PyTorch,
// nothing is copied unless every entry is fine.

#include "ember/nn/ModuleFile.h"

#include <vector>

#include "core/io/ByteSource.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/GradMode.h"
#include "ember/core/Safetensors.h"

namespace ember {
namespace nn {

OrderedDict<std::string, Tensor> state_dict(const Module& module) {
  OrderedDict<std::string, Tensor> state;
  for (const auto& item : module.named_parameters()) state.insert(item.key(), item->detach());
  for (const auto& item : module.named_buffers()) state.insert(item.key(), item->detach());
  return state;
}

LoadStateDictResult load_state_dict(Module& module, const OrderedDict<std::string, Tensor>& state,
                                    bool strict) {
  // The module's own tensors (not detached copies): the values are copied into them.
  OrderedDict<std::string, Tensor> own = module.named_parameters();
  own.update(module.named_buffers());

  LoadStateDictResult result;
  std::vector<std::string> mismatches;
  for (const auto& item : own) {
    const Tensor* given = state.find(item.key());
    if (given == nullptr) {
      result.missing_keys.push_back(item.key());
      continue;
    }
    EMBER_CHECK(given->defined(), "the state dict's entry {} is an undefined tensor", item.key());
    if (given->sizes() != item->sizes()) {
      mismatches.push_back(fmt::format(
          "size mismatch for {}: copying a param with shape {} from checkpoint, the shape in "
          "current model is {}.",
          item.key(), given->sizes(), item->sizes()));
    }
  }
  for (const auto& item : state) {
    if (!own.contains(item.key())) result.unexpected_keys.push_back(item.key());
  }

  // PyTorch's message: missing and unexpected keys first (when strict), then the mismatches.
  std::vector<std::string> errors;
  auto quoted_list = [](const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& key : keys) out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", key);
    return out;
  };
  if (strict && !result.missing_keys.empty()) {
    errors.push_back(
        fmt::format("Missing key(s) in state_dict: {}. ", quoted_list(result.missing_keys)));
  }
  if (strict && !result.unexpected_keys.empty()) {
    errors.push_back(
        fmt::format("Unexpected key(s) in state_dict: {}. ", quoted_list(result.unexpected_keys)));
  }
  errors.insert(errors.end(), mismatches.begin(), mismatches.end());
  EMBER_CHECK(errors.empty(), "Error(s) in loading state_dict for {}:\n\t{}", module.name(),
              fmt::join(errors, "\n\t"));

  NoGradGuard no_grad;
  for (auto& item : own) {
    if (const Tensor* given = state.find(item.key())) item->copy_(*given);
  }
  return result;
}

}  // namespace nn

namespace detail {

void save_module(const nn::Module& module, const std::string& path) {
  try {
    safetensors::save_file(nn::state_dict(module), path);
  } catch (const Error& e) {
    EMBER_FAIL("ember::save: {}", e.what());
  }
}

void load_module(nn::Module& module, const std::string& path) {
  OrderedDict<std::string, Tensor> state;
  try {
    state = safetensors::load_file(path);
  } catch (const Error& e) {
    EMBER_FAIL("ember::load: {}", e.what());  // the message names the file
  }
  try {
    nn::load_state_dict(module, state);
  } catch (const Error& e) {
    EMBER_FAIL("ember::load('{}'): {}", shown_path(path), e.what());
  }
}

}  // namespace detail
}  // namespace ember
