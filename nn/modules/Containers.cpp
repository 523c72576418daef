// Sequential, ModuleList, ModuleDict and Functional: the parts that are not templates.

#include <ostream>
#include <sstream>
#include <string>

#include "ember/core/Check.h"
#include "ember/nn/modules/Functional.h"
#include "ember/nn/modules/ModuleDict.h"
#include "ember/nn/modules/ModuleList.h"
#include "ember/nn/modules/Sequential.h"

namespace ember::nn {

// ---- Sequential --------------------------------------------------------------------------------

SequentialImpl::SequentialImpl(OrderedDict<std::string, AnyModule>&& ordered_dict) {
  modules_.reserve(ordered_dict.size());
  for (auto& item : ordered_dict) push_back_any(item.key(), std::move(item.value()));
}

SequentialImpl::SequentialImpl(std::initializer_list<NamedAnyModule> named_modules) {
  modules_.reserve(named_modules.size());
  for (const auto& named : named_modules) push_back_any(named.name(), named.module());
}

std::shared_ptr<Module> SequentialImpl::clone(const std::optional<Device>& device) const {
  auto copy = std::make_shared<SequentialImpl>();
  for (size_t i = 0; i < modules_.size(); ++i) {
    copy->push_back_any(children_[i].key(), modules_[i].clone(device));
  }
  copy->train(is_training());
  return copy;
}

void SequentialImpl::push_back_any(std::string name, AnyModule module) {
  EMBER_CHECK(!module.is_empty(), "Sequential: cannot add an empty module ('{}')", name);
  register_module(std::move(name), module.ptr());
  modules_.push_back(std::move(module));
}

AnyValue SequentialImpl::forward_rest(AnyValue value) {
  for (size_t i = 1; i < modules_.size(); ++i) {
    std::vector<AnyValue> arguments;
    arguments.push_back(std::move(value));
    value = modules_[i].forward_values(std::move(arguments));
  }
  return value;
}

const AnyModule& SequentialImpl::any_at(size_t index) const {
  EMBER_CHECK(index < modules_.size(), "Index out of range (index {} for a Sequential of size {})",
              index, modules_.size());
  return modules_[index];
}

void SequentialImpl::check_not_empty() const {
  EMBER_CHECK(!modules_.empty(), "Cannot call forward() on an empty Sequential");
}

// ---- ModuleList --------------------------------------------------------------------------------

std::shared_ptr<Module> ModuleListImpl::clone(const std::optional<Device>& device) const {
  auto copy = std::make_shared<ModuleListImpl>();
  for (const auto& module : modules_) copy->push_back(module->clone(device));
  copy->train(is_training());
  return copy;
}

void ModuleListImpl::push_back(std::shared_ptr<Module> module) {
  EMBER_CHECK(module != nullptr, "ModuleList: cannot add a null module");
  register_module(std::to_string(modules_.size()), module);
  modules_.push_back(std::move(module));
}

void ModuleListImpl::insert(size_t index, std::shared_ptr<Module> module) {
  EMBER_CHECK(module != nullptr, "ModuleList: cannot insert a null module");
  EMBER_CHECK(index <= modules_.size(), "Index out of range (index {} for a ModuleList of size {})",
              index, modules_.size());
  modules_.insert(modules_.begin() + static_cast<std::ptrdiff_t>(index), std::move(module));
  renumber();
}

void ModuleListImpl::renumber() {
  children_.clear();
  for (size_t i = 0; i < modules_.size(); ++i) register_module(std::to_string(i), modules_[i]);
}

std::shared_ptr<Module> ModuleListImpl::ptr(size_t index) const {
  EMBER_CHECK(index < modules_.size(), "Index out of range (index {} for a ModuleList of size {})",
              index, modules_.size());
  return modules_[index];
}

void ModuleListImpl::pretty_print_recursive(std::ostream& stream,
                                            const std::string& indentation) const {
  if (modules_.empty()) {
    stream << name() << "()";
    return;
  }
  // PyTorch 2 shows a run of modules that print alike once: "(0-2): 3 x Linear(...)".
  std::vector<std::string> reprs;
  reprs.reserve(modules_.size());
  for (const auto& module : modules_) {
    std::ostringstream repr;
    repr << *module;
    reprs.push_back(repr.str());
  }
  const std::string inner = indentation + "  ";
  stream << name() << "(\n";
  for (size_t start = 0; start < reprs.size();) {
    size_t end = start;
    while (end + 1 < reprs.size() && reprs[end + 1] == reprs[start]) ++end;
    std::string line = start == end
                           ? "(" + std::to_string(start) + "): " + reprs[start]
                           : "(" + std::to_string(start) + "-" + std::to_string(end) +
                                 "): " + std::to_string(end - start + 1) + " x " + reprs[start];
    for (size_t pos = line.find('\n'); pos != std::string::npos; pos = line.find('\n', pos + 1)) {
      line.insert(pos + 1, inner);
    }
    stream << inner << line << "\n";
    start = end + 1;
  }
  stream << indentation << ")";
}

// ---- ModuleDict --------------------------------------------------------------------------------

ModuleDictImpl::ModuleDictImpl(
    const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) {
  update(modules);
}

ModuleDictImpl::ModuleDictImpl(const OrderedDict<std::string, std::shared_ptr<Module>>& modules) {
  update(modules);
}

std::shared_ptr<Module> ModuleDictImpl::clone(const std::optional<Device>& device) const {
  auto copy = std::make_shared<ModuleDictImpl>();
  for (const auto& item : children_) copy->insert(item.key(), item.value()->clone(device));
  copy->train(is_training());
  return copy;
}

std::vector<std::pair<std::string, std::shared_ptr<Module>>> ModuleDictImpl::items() const {
  return children_.pairs();
}
std::vector<std::string> ModuleDictImpl::keys() const { return children_.keys(); }
std::vector<std::shared_ptr<Module>> ModuleDictImpl::values() const { return children_.values(); }

std::shared_ptr<Module> ModuleDictImpl::pop(const std::string& key) {
  auto* slot = children_.find(key);
  EMBER_CHECK(slot != nullptr, "Invalid key '{}' for ModuleDict", key);
  std::shared_ptr<Module> module = *slot;
  children_.erase(key);
  return module;
}

void ModuleDictImpl::update(
    const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules) {
  for (const auto& [key, module] : modules) insert(key, module);
}

std::shared_ptr<Module> ModuleDictImpl::operator[](const std::string& key) const {
  const auto* slot = children_.find(key);
  EMBER_CHECK(slot != nullptr, "Invalid key '{}' for ModuleDict (keys: {})", key, keys());
  return *slot;
}

// ---- Functional --------------------------------------------------------------------------------

FunctionalImpl::FunctionalImpl(Function function) : function_(std::move(function)) {
  EMBER_CHECK(static_cast<bool>(function_), "Functional: the function is empty");
}

void FunctionalImpl::pretty_print(std::ostream& stream) const { stream << "Functional()"; }

Tensor FunctionalImpl::forward(Tensor input) { return function_(std::move(input)); }

}  // namespace ember::nn
