#pragma once

// nn::ModuleDict, as libtorch's: modules registered under names (their parameters are the
// dict's), kept in insertion order, reached by key; it has no forward of its own.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/OrderedDict.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"

namespace ember::nn {

class EMBER_API ModuleDictImpl : public Cloneable<ModuleDictImpl> {
 public:
  using Iterator = OrderedDict<std::string, std::shared_ptr<Module>>::Iterator;
  using ConstIterator = OrderedDict<std::string, std::shared_ptr<Module>>::ConstIterator;

  ModuleDictImpl() = default;
  explicit ModuleDictImpl(
      const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules);
  explicit ModuleDictImpl(const OrderedDict<std::string, std::shared_ptr<Module>>& modules);

  std::shared_ptr<Module> clone(const std::optional<Device>& device = std::nullopt) const override;
  void reset() override {}

  std::vector<std::pair<std::string, std::shared_ptr<Module>>> items() const;
  std::vector<std::string> keys() const;
  std::vector<std::shared_ptr<Module>> values() const;
  Iterator begin() { return children_.begin(); }
  ConstIterator begin() const { return children_.begin(); }
  Iterator end() { return children_.end(); }
  ConstIterator end() const { return children_.end(); }
  size_t size() const noexcept { return children_.size(); }
  bool empty() const noexcept { return children_.is_empty(); }
  bool contains(const std::string& key) const noexcept { return children_.contains(key); }
  void clear() { children_.clear(); }
  /// Removes `key` and returns its module.
  std::shared_ptr<Module> pop(const std::string& key);
  /// Adds or replaces every entry of `modules`.
  void update(const std::vector<std::pair<std::string, std::shared_ptr<Module>>>& modules);
  template <typename Container>
  void update(const Container& container) {
    for (const auto& item : container) insert(item.key(), item.value());
  }
  /// Adds `module` under `key`, replacing the module there if any.
  template <typename M>
  std::shared_ptr<M> insert(const std::string& key, std::shared_ptr<M> module) {
    if (contains(key)) {
      replace_module(key, module);
    } else {
      register_module(key, module);
    }
    return module;
  }
  template <typename M>
  std::shared_ptr<M> insert(const std::string& key, const ModuleHolder<M>& module_holder) {
    return insert(key, module_holder.ptr());
  }

  std::shared_ptr<Module> operator[](const std::string& key) const;
  template <typename T>
  T& at(const std::string& key) {
    auto* typed = (*this)[key]->template as<T>();
    if (typed == nullptr) ember::detail::throw_error("Invalid module type for key '" + key + "'");
    return *typed;
  }
};

EMBER_MODULE(ModuleDict);

}  // namespace ember::nn
