#pragma once

// ModuleHolder and EMBER_MODULE, as libtorch's TORCH_MODULE: `nn::Linear` is a shared handle
// to an `nn::LinearImpl`, so modules are passed and stored by value while sharing one object:
//   nn::Linear lin(3, 4);      // constructs a LinearImpl(3, 4)
//   lin->weight;  lin(x);      // member access and forward
//   nn::Linear fc{nullptr};    // an empty holder, assigned later (register_module returns one)

#include <memory>
#include <type_traits>
#include <utility>

#include "ember/core/Error.h"
#include "ember/nn/Module.h"

namespace ember::nn {

template <typename Contained>
class ModuleHolder {
 public:
  using ContainedType = Contained;

  /// Default-constructs the module, when it has a default constructor (as libtorch, a holder
  /// of a module that needs arguments cannot be default-constructed: use `{nullptr}`).
  ModuleHolder() : impl_(default_construct()) {}
  /// An empty holder.
  ModuleHolder(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): libtorch's form
  /// Constructs the module from the arguments (`nn::Linear(3, 4)`).
  template <
      typename Head, typename... Tail,
      typename = std::enable_if_t<sizeof...(Tail) != 0 ||
                                  !(std::is_base_of_v<ModuleHolder, std::decay_t<Head>> ||
                                    std::is_convertible_v<Head&&, std::shared_ptr<Contained>>)>>
  explicit ModuleHolder(Head&& head, Tail&&... tail)
      : impl_(std::make_shared<Contained>(std::forward<Head>(head), std::forward<Tail>(tail)...)) {}
  /// Holds an existing module (what register_module returns).
  ModuleHolder(std::shared_ptr<Contained> module)  // NOLINT(google-explicit-constructor)
      : impl_(std::move(module)) {}

  explicit operator bool() const noexcept { return !is_empty(); }
  bool is_empty() const noexcept { return impl_ == nullptr; }

  Contained* operator->() { return get(); }
  const Contained* operator->() const { return get(); }
  Contained& operator*() { return *get(); }
  const Contained& operator*() const { return *get(); }
  const std::shared_ptr<Contained>& ptr() const {
    check_not_empty();
    return impl_;
  }
  Contained* get() {
    check_not_empty();
    return impl_.get();
  }
  const Contained* get() const {
    check_not_empty();
    return impl_.get();
  }

  /// Calls the module's forward.
  template <typename... Args>
  decltype(auto) operator()(Args&&... args) {
    return get()->forward(std::forward<Args>(args)...);
  }
  /// Indexes containers (`seq[0]`, `dict["fc"]`).
  template <typename Arg>
  decltype(auto) operator[](Arg&& arg) {
    return (*get())[std::forward<Arg>(arg)];
  }

 protected:
  std::shared_ptr<Contained> impl_;

 private:
  static std::shared_ptr<Contained> default_construct() {
    if constexpr (std::is_default_constructible_v<Contained>) {
      return std::make_shared<Contained>();
    } else {
      static_assert(std::is_default_constructible_v<Contained>,
                    "this module needs constructor arguments: pass them, or write "
                    "`Holder name{nullptr}` for an empty holder");
      return nullptr;
    }
  }
  void check_not_empty() const {
    if (impl_ == nullptr) {
      ember::detail::throw_error(
          "Accessing empty ModuleHolder: construct it with arguments, or assign a module to it "
          "(it was declared with nullptr)");
    }
  }
};

template <typename Contained>
std::ostream& operator<<(std::ostream& stream, const ModuleHolder<Contained>& module) {
  return stream << *module;
}

}  // namespace ember::nn

/// Declares `Name`, the holder of `Name##Impl`, as libtorch's TORCH_MODULE.
#define EMBER_MODULE(Name)                                     \
  class Name : public ::ember::nn::ModuleHolder<Name##Impl> {  \
   public:                                                     \
    using ::ember::nn::ModuleHolder<Name##Impl>::ModuleHolder; \
    using Impl = Name##Impl;                                   \
  }
