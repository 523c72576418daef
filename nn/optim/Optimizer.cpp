#include "ember/optim/Optimizer.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "ember/core/Check.h"
#include "ember/core/GradMode.h"

namespace ember::optim {

std::unique_ptr<OptimizerParamState> OptimizerParamState::clone() const {
  EMBER_FAIL(
      "clone() has not been implemented for this OptimizerParamState: derive from "
      "OptimizerCloneableParamState<Derived>");
}

std::vector<std::pair<std::string, Tensor>> OptimizerParamState::named_tensors() const {
  return {};
}

void OptimizerParamState::load_named_tensors(const std::function<Tensor(const std::string&)>&) {}

std::unique_ptr<OptimizerOptions> OptimizerOptions::clone() const {
  EMBER_FAIL(
      "clone() has not been implemented for this OptimizerOptions: derive from "
      "OptimizerCloneableOptions<Derived>");
}

double OptimizerOptions::get_lr() const {
  EMBER_FAIL("get_lr() has not been overridden and implemented in this OptimizerOptions");
}

void OptimizerOptions::set_lr(const double) {
  EMBER_FAIL("set_lr() has not been overridden and implemented in this OptimizerOptions");
}

std::string OptimizerOptions::to_json() const {
  EMBER_FAIL("to_json() has not been overridden and implemented in this OptimizerOptions");
}

void OptimizerOptions::load_json(const std::string&) {
  EMBER_FAIL("load_json() has not been overridden and implemented in this OptimizerOptions");
}

OptimizerOptions& OptimizerParamGroup::options() {
  EMBER_CHECK(has_options(), "This parameter group has no options");
  return *options_;
}

const OptimizerOptions& OptimizerParamGroup::options() const {
  EMBER_CHECK(has_options(), "This parameter group has no options");
  return *options_;
}

Optimizer::Optimizer(std::vector<OptimizerParamGroup> param_groups,
                     std::unique_ptr<OptimizerOptions> defaults)
    : defaults_(std::move(defaults)) {
  EMBER_CHECK(defaults_ != nullptr, "An optimizer needs default options (got none)");
  size_t count = 0;
  for (const auto& group : param_groups) count += group.params().size();
  EMBER_CHECK(count > 0, "optimizer got an empty parameter list");
  for (const auto& group : param_groups) add_param_group(group);
}

Optimizer::Optimizer(std::vector<Tensor> parameters, std::unique_ptr<OptimizerOptions> defaults)
    : Optimizer(std::vector<OptimizerParamGroup>{OptimizerParamGroup(std::move(parameters))},
                std::move(defaults)) {}

namespace {

// Python's checks on parameters joining an optimiser: defined leaves, none already present.
void check_new_parameters(const std::vector<OptimizerParamGroup>& groups,
                          const std::vector<Tensor>& params) {
  std::unordered_set<const TensorImpl*> seen;
  for (const auto& group : groups)
    for (const auto& p : group.params()) seen.insert(p.unsafeGetTensorImpl());
  for (const auto& p : params) {
    EMBER_CHECK(p.defined(),
                "optimizer can only optimize defined Tensors, but one of the params is undefined");
    EMBER_CHECK(p.is_leaf(), "can't optimize a non-leaf Tensor");
    EMBER_CHECK(seen.insert(p.unsafeGetTensorImpl()).second,
                "some parameters appear in more than one parameter group");
  }
}

}  // namespace

void Optimizer::add_param_group(const OptimizerParamGroup& param_group) {
  check_new_parameters(param_groups_, param_group.params());
  OptimizerParamGroup group(param_group.params(), param_group.has_options()
                                                      ? param_group.options().clone()
                                                      : defaults_->clone());
  param_groups_.push_back(std::move(group));
}

void Optimizer::add_parameters(const std::vector<Tensor>& parameters) {
  EMBER_CHECK(!param_groups_.empty(), "add_parameters: the optimizer has no parameter group");
  check_new_parameters(param_groups_, parameters);
  auto& params = param_groups_.front().params();
  params.insert(params.end(), parameters.begin(), parameters.end());
}

void Optimizer::zero_grad(bool set_to_none) {
  for (auto& group : param_groups_) {
    for (auto& p : group.params()) {
      Tensor& grad = p.mutable_grad();
      if (!grad.defined()) continue;
      if (set_to_none) {
        grad = Tensor();
      } else {
        // As Python: a gradient that is part of a graph is detached first, then zeroed.
        if (grad.grad_fn()) grad = grad.detach();
        NoGradGuard no_grad;
        grad.zero_();
      }
    }
  }
}

const std::vector<Tensor>& Optimizer::parameters() const noexcept {
  return param_groups_.at(0).params();
}

std::vector<Tensor>& Optimizer::parameters() noexcept { return param_groups_.at(0).params(); }

size_t Optimizer::size() const noexcept {
  size_t count = 0;
  for (const auto& group : param_groups_) count += group.params().size();
  return count;
}

std::string Optimizer::state_key(const Tensor& param) {
  // The TensorImpl's address, as libtorch keys its state; short enough for std::string's inline
  // buffer, so looking state up allocates nothing.
  char buffer[2 + 2 * sizeof(void*) + 1];
  std::snprintf(buffer, sizeof buffer, "%p", static_cast<const void*>(param.unsafeGetTensorImpl()));
  return std::string(buffer);
}

Tensor Optimizer::evaluate_closure(const LossClosure& closure) {
  if (!closure) return {};
  AutoGradMode enable_grad(true);
  return closure();
}

OptimizerStateDict Optimizer::state_dict() const {
  OptimizerStateDict result;
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  int64_t index = 0;
  for (const auto& group : param_groups_) {
    auto entry = nlohmann::ordered_json::parse(group.options().to_json());
    auto ids = nlohmann::ordered_json::array();
    for (const auto& p : group.params()) {
      ids.push_back(index);
      auto it = state_.find(state_key(p));
      if (it != state_.end()) {
        for (auto& [key, tensor] : it->second->named_tensors())
          result.tensors.insert(fmt::format("state.{}.{}", index, key), std::move(tensor));
      }
      ++index;
    }
    entry["params"] = std::move(ids);
    groups.push_back(std::move(entry));
  }
  result.param_groups_json = groups.dump();
  return result;
}

void Optimizer::load_state_dict(const OptimizerStateDict& state_dict) {
  nlohmann::ordered_json groups;
  try {
    groups = nlohmann::ordered_json::parse(state_dict.param_groups_json);
  } catch (const nlohmann::json::exception& e) {
    EMBER_FAIL("load_state_dict: param_groups_json is not valid JSON ({})", e.what());
  }
  EMBER_CHECK(groups.is_array(), "load_state_dict: param_groups_json must be a JSON array, got {}",
              groups.type_name());
  EMBER_CHECK(groups.size() == param_groups_.size(),
              "loaded state dict has a different number of parameter groups (the optimizer has "
              "{}, the state dict {})",
              param_groups_.size(), groups.size());

  // Saved parameter ids -> this optimiser's parameters, group by group in order (as Python).
  std::map<int64_t, const Tensor*> params_by_id;
  std::vector<std::unique_ptr<OptimizerOptions>> new_options;
  for (size_t g = 0; g < groups.size(); ++g) {
    auto entry = groups[g];
    EMBER_CHECK(entry.is_object() && entry.contains("params") && entry["params"].is_array(),
                "load_state_dict: parameter group {} must be a JSON object with a \"params\" "
                "array",
                g);
    const auto& params = param_groups_[g].params();
    EMBER_CHECK(entry["params"].size() == params.size(),
                "loaded state dict contains a parameter group that doesn't match the size of "
                "optimizer's group (group {}: the optimizer has {} parameters, the state dict {})",
                g, params.size(), entry["params"].size());
    for (size_t i = 0; i < params.size(); ++i) {
      EMBER_CHECK(entry["params"][i].is_number_integer(),
                  "load_state_dict: parameter ids must be integers (group {}, entry {})", g, i);
      params_by_id[entry["params"][i].get<int64_t>()] = &params[i];
    }
    entry.erase("params");
    auto options = param_groups_[g].options().clone();
    options->load_json(entry.dump());
    new_options.push_back(std::move(options));
  }

  // Group the state tensors by parameter id ("state.<id>.<key>").
  std::map<int64_t, std::map<std::string, Tensor>> saved_state;
  for (const auto& item : state_dict.tensors) {
    const std::string& name = item.key();
    const size_t dot = name.find('.', 6);
    EMBER_CHECK(name.rfind("state.", 0) == 0 && dot != std::string::npos && dot > 6,
                "load_state_dict: tensor names must be \"state.<index>.<key>\", got \"{}\"", name);
    int64_t id = 0;
    try {
      size_t used = 0;
      id = std::stoll(name.substr(6, dot - 6), &used);
      EMBER_CHECK(used == dot - 6, "");
    } catch (const std::exception&) {
      EMBER_FAIL("load_state_dict: tensor names must be \"state.<index>.<key>\", got \"{}\"", name);
    }
    EMBER_CHECK(params_by_id.count(id) != 0,
                "load_state_dict: \"{}\" is the state of parameter {}, which no parameter group "
                "of the state dict lists",
                name, id);
    saved_state[id][name.substr(dot + 1)] = *item;
  }

  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>> new_state;
  for (auto& [id, tensors] : saved_state) {
    const Tensor& param = *params_by_id.at(id);
    for (const auto& [key, tensor] : tensors) {
      if (key == "step") continue;
      EMBER_CHECK(tensor.sizes() == param.sizes(),
                  "load_state_dict: state.{}.{} has shape {} but parameter {} has shape {}", id,
                  key, tensor.sizes(), id, param.sizes());
    }
    auto state = make_param_state();
    state->load_named_tensors([&](const std::string& key) -> Tensor {
      auto it = tensors.find(key);
      if (it == tensors.end()) return {};
      if (key == "step") return it->second;
      // A copy of the parameter's dtype and device, as Python casts loaded state.
      NoGradGuard no_grad;
      return it->second.to(param.device(), param.dtype(), /*non_blocking=*/false, /*copy=*/true);
    });
    new_state[state_key(param)] = std::move(state);
  }

  for (size_t g = 0; g < param_groups_.size(); ++g)
    param_groups_[g].set_options(std::move(new_options[g]));
  state_ = std::move(new_state);
}

}  // namespace ember::optim
