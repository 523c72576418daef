#pragma once

// nn::ModuleList, as libtorch's: a list of modules registered as children "0", "1", ... (so
// their parameters are the list's), indexed and iterated; it has no forward of its own.

#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ember/core/Export.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"

namespace ember::nn {

class EMBER_API ModuleListImpl : public Cloneable<ModuleListImpl> {
 public:
  using Iterator = std::vector<std::shared_ptr<Module>>::iterator;
  using ConstIterator = std::vector<std::shared_ptr<Module>>::const_iterator;

  ModuleListImpl() = default;
  template <typename... Modules>
  explicit ModuleListImpl(Modules&&... modules) {
    modules_.reserve(sizeof...(Modules));
    (push_back(std::forward<Modules>(modules)), ...);
  }

  std::shared_ptr<Module> clone(const std::optional<Device>& device = std::nullopt) const override;
  void reset() override {}

  void push_back(std::shared_ptr<Module> module);
  template <typename M, typename = std::enable_if_t<std::is_base_of_v<Module, M>>>
  void push_back(std::shared_ptr<M> module) {
    push_back(std::shared_ptr<Module>(std::move(module)));
  }
  template <typename M>
  void push_back(const ModuleHolder<M>& module_holder) {
    push_back(std::shared_ptr<Module>(module_holder.ptr()));
  }
  template <typename M, typename = std::enable_if_t<std::is_base_of_v<Module, std::decay_t<M>>>>
  void push_back(M&& module) {
    push_back(std::shared_ptr<Module>(std::make_shared<std::decay_t<M>>(std::forward<M>(module))));
  }
  /// Inserts `module` before position `index` (the children are renumbered).
  void insert(size_t index, std::shared_ptr<Module> module);
  template <typename M>
  void insert(size_t index, const ModuleHolder<M>& module_holder) {
    insert(index, std::shared_ptr<Module>(module_holder.ptr()));
  }
  template <typename Container>
  void extend(const Container& container) {
    for (const auto& module : container) push_back(module);
  }

  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }

  std::shared_ptr<Module> ptr(size_t index) const;
  template <typename T>
  auto ptr(size_t index) const {
    auto typed = std::dynamic_pointer_cast<detail::held_module_t<T>>(ptr(index));
    if (!typed)
      ember::detail::throw_error("Attempted to cast module at index " + std::to_string(index) +
                                 " to the wrong type");
    return typed;
  }
  template <typename T>
  auto& at(size_t index) {
    return *ptr<T>(index);
  }
  std::shared_ptr<Module> operator[](size_t index) const { return ptr(index); }
  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }

 protected:
  /// ModuleList(\n  (0): ...\n) with runs of modules that print alike shown once, as PyTorch 2.
  void pretty_print_recursive(std::ostream& stream, const std::string& indentation) const override;

 private:
  void renumber();

  std::vector<std::shared_ptr<Module>> modules_;
};

EMBER_MODULE(ModuleList);

}  // namespace ember::nn
