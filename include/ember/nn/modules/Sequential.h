#pragma once

// nn::Sequential, as libtorch's: modules called one after another, each on the previous one's
// output. Positional (children named "0", "1", ...) or named:
//   nn::Sequential seq(nn::Linear(3, 4), nn::ReLU(), nn::Linear(4, 1));
//   nn::Sequential named({{"linear1", nn::Linear(3, 3)}, {"sigmoid", nn::Sigmoid()}});

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/OrderedDict.h"
#include "ember/nn/Cloneable.h"
#include "ember/nn/ModuleHolder.h"
#include "ember/nn/modules/AnyModule.h"

namespace ember::nn {

class EMBER_API SequentialImpl : public Cloneable<SequentialImpl> {
 public:
  using Iterator = std::vector<AnyModule>::iterator;
  using ConstIterator = std::vector<AnyModule>::const_iterator;

  SequentialImpl() = default;
  template <typename... Modules>
  explicit SequentialImpl(Modules&&... modules) {
    modules_.reserve(sizeof...(Modules));
    (push_back(std::forward<Modules>(modules)), ...);
  }
  explicit SequentialImpl(OrderedDict<std::string, AnyModule>&& ordered_dict);
  explicit SequentialImpl(std::initializer_list<NamedAnyModule> named_modules);

  std::shared_ptr<Module> clone(const std::optional<Device>& device = std::nullopt) const override;
  /// Nothing to do: a Sequential's children are given, not created.
  void reset() override {}

  /// Calls the first module with `inputs`, every next one with the previous output, and
  /// returns the last output as `ReturnType`.
  template <typename ReturnType = Tensor, typename... InputTypes>
  ReturnType forward(InputTypes&&... inputs) {
    return any_forward(std::forward<InputTypes>(inputs)...).template get<ReturnType>();
  }
  template <typename... InputTypes>
  AnyValue any_forward(InputTypes&&... inputs) {
    check_not_empty();
    AnyValue value = modules_.front().any_forward(std::forward<InputTypes>(inputs)...);
    return forward_rest(std::move(value));
  }

  /// Appends a module (a holder, a shared_ptr, a module value or an AnyModule), named by its
  /// position or by `name`.
  template <typename ModuleType>
  void push_back(ModuleType&& module) {
    push_back(std::to_string(modules_.size()), std::forward<ModuleType>(module));
  }
  template <typename ModuleType>
  void push_back(std::string name, ModuleType&& module) {
    push_back_any(std::move(name), AnyModule(std::forward<ModuleType>(module)));
  }
  /// Appends every module of `container` (a Sequential or a range of modules).
  template <typename Container>
  void extend(const Container& container) {
    for (const auto& module : container) push_back(module);
  }

  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }

  /// The module at `index` as a `T` (its Impl or holder type).
  template <typename T>
  detail::held_module_t<T>& at(size_t index) {
    return *ptr<T>(index);
  }
  std::shared_ptr<Module> ptr(size_t index) const { return any_at(index).ptr(); }
  template <typename T>
  std::shared_ptr<detail::held_module_t<T>> ptr(size_t index) const {
    return any_at(index).template ptr<T>();
  }
  std::shared_ptr<Module> operator[](size_t index) const { return ptr(index); }
  size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return modules_.empty(); }

 private:
  void push_back_any(std::string name, AnyModule module);
  AnyValue forward_rest(AnyValue value);
  const AnyModule& any_at(size_t index) const;
  void check_not_empty() const;

  std::vector<AnyModule> modules_;
};

class Sequential : public ModuleHolder<SequentialImpl> {
 public:
  using ModuleHolder<SequentialImpl>::ModuleHolder;
  using Impl = SequentialImpl;
  Sequential() : ModuleHolder<SequentialImpl>() {}
  /// A named Sequential: `Sequential({{"fc", nn::Linear(3, 4)}, {"act", nn::ReLU()}})`.
  Sequential(std::initializer_list<NamedAnyModule> named_modules)
      : ModuleHolder<SequentialImpl>(std::make_shared<SequentialImpl>(named_modules)) {}
};

}  // namespace ember::nn
