#include "ember/optim/OptimizerFile.h"

#include "ember/core/Check.h"
#include "ember/core/Safetensors.h"

namespace ember {
namespace {
// The metadata key of the groups' options (safetensors metadata values are strings).
constexpr const char* kParamGroups = "param_groups";
}  // namespace

void save(const optim::Optimizer& optimizer, const std::string& path) {
  const optim::OptimizerStateDict state = optimizer.state_dict();
  safetensors::save_file(state.tensors, path, {{kParamGroups, state.param_groups_json}});
}

void load(optim::Optimizer& optimizer, const std::string& path) {
  const safetensors::Metadata metadata = safetensors::load_metadata(path);
  const auto groups = metadata.find(kParamGroups);
  EMBER_CHECK(groups != metadata.end(),
              "ember::load: {} is not an optimizer file (its metadata has no \"{}\" entry)", path,
              kParamGroups);
  optim::OptimizerStateDict state;
  state.tensors = safetensors::load_file(path);
  state.param_groups_json = groups->second;
  optimizer.load_state_dict(state);
}

}  // namespace ember
