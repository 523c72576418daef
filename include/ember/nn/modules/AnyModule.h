#pragma once

// AnyModule, as libtorch's: holds any module and calls its forward with type-erased
// arguments, so that Sequential can chain modules of different types. The module's forward
// must not be overloaded or a template (its signature is read from &M::forward); arguments
// must match its parameter types (after removing const and references).

#include <any>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "ember/core/Device.h"
#include "ember/core/Error.h"
#include "ember/core/Tensor.h"
#include "ember/nn/Module.h"
#include "ember/nn/ModuleHolder.h"

namespace ember::nn {

namespace detail {

template <typename Method>
struct ForwardSignature;
template <typename Class, typename Return, typename... Args>
struct ForwardSignature<Return (Class::*)(Args...)> {
  using ReturnType = Return;
  using Arguments = std::tuple<std::decay_t<Args>...>;
  static constexpr size_t kArity = sizeof...(Args);
};
template <typename Class, typename Return, typename... Args>
struct ForwardSignature<Return (Class::*)(Args...) const>
    : ForwardSignature<Return (Class::*)(Args...)> {};

EMBER_API std::string demangled_type_name(const std::type_info& type);

}  // namespace detail

/// A value of any type passed between modules of an AnyModule chain.
class AnyValue {
 public:
  template <typename T, typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, AnyValue>>>
  explicit AnyValue(T&& value) : value_(std::forward<T>(value)) {}
  template <typename T>
  T& get() {
    if (auto* value = std::any_cast<T>(&value_)) return *value;
    ember::detail::throw_error(
        "Attempted to cast AnyValue to " + detail::demangled_type_name(typeid(T)) +
        ", but its actual type is " + detail::demangled_type_name(value_.type()));
  }
  template <typename T>
  T* try_get() {
    return std::any_cast<T>(&value_);
  }
  const std::type_info& type_info() const noexcept { return value_.type(); }

 private:
  std::any value_;
};

class AnyModule {
 public:
  AnyModule() = default;
  template <typename ModuleType>
  explicit AnyModule(std::shared_ptr<ModuleType> module) {
    set(std::move(module));
  }
  template <typename ModuleType,
            typename = std::enable_if_t<std::is_base_of_v<Module, std::decay_t<ModuleType>>>>
  explicit AnyModule(ModuleType&& module)
      : AnyModule(std::make_shared<std::decay_t<ModuleType>>(std::forward<ModuleType>(module))) {}
  template <typename ModuleType>
  explicit AnyModule(const ModuleHolder<ModuleType>& module_holder)
      : AnyModule(module_holder.ptr()) {}

  /// Calls forward with `arguments`; the result as an AnyValue.
  template <typename... Args>
  AnyValue any_forward(Args&&... arguments) {
    std::vector<AnyValue> values;
    values.reserve(sizeof...(Args));
    (values.emplace_back(std::decay_t<Args>(std::forward<Args>(arguments))), ...);
    return forward_values(std::move(values));
  }
  AnyValue forward_values(std::vector<AnyValue>&& arguments) {
    check_not_empty();
    return forward_(std::move(arguments));
  }
  /// Calls forward and returns its result as `ReturnType` (Tensor by default).
  template <typename ReturnType = Tensor, typename... Args>
  ReturnType forward(Args&&... arguments) {
    return any_forward(std::forward<Args>(arguments)...).template get<ReturnType>();
  }

  /// A deep copy of the held module (see Module::clone).
  AnyModule clone(const std::optional<Device>& device = std::nullopt) const {
    check_not_empty();
    return clone_(*module_, device);
  }

  const std::shared_ptr<Module>& ptr() const {
    check_not_empty();
    return module_;
  }
  template <typename T>
  std::shared_ptr<detail::held_module_t<T>> ptr() const {
    auto typed = std::dynamic_pointer_cast<detail::held_module_t<T>>(ptr());
    if (!typed) {
      ember::detail::throw_error("Attempted to cast module of type " + module_->name() +
                                 " to type " + detail::demangled_type_name(typeid(T)));
    }
    return typed;
  }
  template <typename T>
  detail::held_module_t<T>& get() const {
    return *ptr<T>();
  }
  bool is_empty() const noexcept { return module_ == nullptr; }

 private:
  template <typename ModuleType>
  void set(std::shared_ptr<ModuleType> module) {
    using Signature = detail::ForwardSignature<decltype(&ModuleType::forward)>;
    forward_ = [raw = module.get()](std::vector<AnyValue>&& arguments) -> AnyValue {
      if (arguments.size() != Signature::kArity) {
        ember::detail::throw_error(
            raw->name() + "'s forward() expects " + std::to_string(Signature::kArity) +
            " argument(s), but received " + std::to_string(arguments.size()));
      }
      return call<typename Signature::Arguments>(*raw, arguments,
                                                 std::make_index_sequence<Signature::kArity>());
    };
    clone_ = [](const Module& held, const std::optional<Device>& device) {
      return AnyModule(std::dynamic_pointer_cast<ModuleType>(held.clone(device)));
    };
    module_ = std::move(module);
  }

  template <typename Arguments, typename ModuleType, size_t... I>
  static AnyValue call(ModuleType& module, std::vector<AnyValue>& arguments,
                       std::index_sequence<I...>) {
    return AnyValue(module.forward(argument<std::tuple_element_t<I, Arguments>>(arguments, I)...));
  }
  template <typename T>
  static T& argument(std::vector<AnyValue>& arguments, size_t index) {
    if (auto* value = arguments[index].try_get<T>()) return *value;
    ember::detail::throw_error("Expected argument #" + std::to_string(index) + " to be of type " +
                               detail::demangled_type_name(typeid(T)) +
                               ", but received value of type " +
                               detail::demangled_type_name(arguments[index].type_info()));
  }

  void check_not_empty() const {
    if (!module_) ember::detail::throw_error("Cannot call forward() on an empty AnyModule");
  }

  std::shared_ptr<Module> module_;
  std::function<AnyValue(std::vector<AnyValue>&&)> forward_;
  std::function<AnyModule(const Module&, const std::optional<Device>&)> clone_;
};

/// A module with a name, for named Sequentials: `{"linear1", nn::Linear(3, 3)}`.
class NamedAnyModule {
 public:
  template <typename ModuleType>
  NamedAnyModule(std::string name, std::shared_ptr<ModuleType> module)
      : name_(std::move(name)), module_(std::move(module)) {}
  template <typename ModuleType,
            typename = std::enable_if_t<std::is_base_of_v<Module, std::decay_t<ModuleType>>>>
  NamedAnyModule(std::string name, ModuleType&& module)
      : name_(std::move(name)), module_(std::forward<ModuleType>(module)) {}
  template <typename ModuleType>
  NamedAnyModule(std::string name, const ModuleHolder<ModuleType>& module_holder)
      : name_(std::move(name)), module_(module_holder) {}
  NamedAnyModule(std::string name, AnyModule any_module)
      : name_(std::move(name)), module_(std::move(any_module)) {}

  const std::string& name() const noexcept { return name_; }
  AnyModule& module() noexcept { return module_; }
  const AnyModule& module() const noexcept { return module_; }

 private:
  std::string name_;
  AnyModule module_;
};

}  // namespace ember::nn
