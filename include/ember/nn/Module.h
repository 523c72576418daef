#pragma once

// ember::nn::Module, as libtorch's torch::nn::Module: the base class of layers and models. A
// module owns named parameters, buffers and submodules (each kept in registration order), and
// everything that walks a model (parameters(), to(device), train(), zero_grad(), printing,
// saving) walks that tree. Names are dotted as in PyTorch: "net.0.weight".

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ember/core/Device.h"
#include "ember/core/Dtype.h"
#include "ember/core/Error.h"
#include "ember/core/Export.h"
#include "ember/core/OrderedDict.h"
#include "ember/core/Tensor.h"

namespace ember::nn {

template <typename Contained>
class ModuleHolder;

namespace detail {
template <typename T, typename = void>
struct is_module_holder : std::false_type {};
template <typename T>
struct is_module_holder<T, std::void_t<typename T::ContainedType>>
    : std::is_base_of<ModuleHolder<typename T::ContainedType>, T> {};
/// The module class a type names: `LinearImpl` for both `Linear` (a holder) and `LinearImpl`.
template <typename T, typename = void>
struct held_module {
  using type = T;
};
template <typename T>
struct held_module<T, std::void_t<typename T::ContainedType>> {
  using type = typename T::ContainedType;
};
template <typename T>
using held_module_t = typename held_module<T>::type;
}  // namespace detail

class EMBER_API Module : public std::enable_shared_from_this<Module> {
 public:
  using ModuleApplyFunction = std::function<void(Module&)>;
  using ConstModuleApplyFunction = std::function<void(const Module&)>;
  using NamedModuleApplyFunction = std::function<void(const std::string&, Module&)>;
  using ConstNamedModuleApplyFunction = std::function<void(const std::string&, const Module&)>;
  using ModulePointerApplyFunction = std::function<void(const std::shared_ptr<Module>&)>;
  using NamedModulePointerApplyFunction =
      std::function<void(const std::string&, const std::shared_ptr<Module>&)>;

  /// A module named `name` (what printing shows); without one, the name is the class's
  /// (LinearImpl -> "Linear").
  explicit Module(std::string name);
  Module();
  Module(const Module&) = default;
  Module& operator=(const Module&) = default;
  Module(Module&&) noexcept = default;
  Module& operator=(Module&&) noexcept = default;
  virtual ~Module();

  /// The module's name: the one given to the constructor, else its class name without
  /// namespace and without a trailing "Impl".
  const std::string& name() const;

  /// A deep copy (parameters, buffers and submodules copied), optionally onto `device`. Only
  /// modules deriving from Cloneable<T> can be cloned; others throw.
  virtual std::shared_ptr<Module> clone(const std::optional<Device>& device = std::nullopt) const;

  /// Calls `function` on this module and every descendant (depth first, parents first).
  void apply(const ModuleApplyFunction& function);
  void apply(const ConstModuleApplyFunction& function) const;
  void apply(const NamedModuleApplyFunction& function, const std::string& name_prefix = {});
  void apply(const ConstNamedModuleApplyFunction& function,
             const std::string& name_prefix = {}) const;
  void apply(const ModulePointerApplyFunction& function) const;
  void apply(const NamedModulePointerApplyFunction& function,
             const std::string& name_prefix = {}) const;

  std::vector<Tensor> parameters(bool recurse = true) const;
  OrderedDict<std::string, Tensor> named_parameters(bool recurse = true) const;
  std::vector<Tensor> buffers(bool recurse = true) const;
  OrderedDict<std::string, Tensor> named_buffers(bool recurse = true) const;
  /// This module (when `include_self`) and all descendants, parents first.
  std::vector<std::shared_ptr<Module>> modules(bool include_self = true) const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_modules(
      const std::string& name_prefix = {}, bool include_self = true) const;
  std::vector<std::shared_ptr<Module>> children() const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_children() const;

  /// Training mode (the default) or evaluation mode, for this module and its descendants.
  virtual void train(bool on = true);
  void eval() { train(false); }
  virtual bool is_training() const noexcept { return is_training_; }

  /// Moves/converts every parameter and buffer in place: the tensors keep their identity, so
  /// an optimiser built before the move still updates them. Dtype conversion touches only
  /// floating-point tensors, as PyTorch.
  virtual void to(Device device, Dtype dtype, bool non_blocking = false);
  virtual void to(Dtype dtype, bool non_blocking = false);
  virtual void to(Device device, bool non_blocking = false);

  /// Clears the gradients of all parameters: undefined (`set_to_none`, the default) or zero.
  virtual void zero_grad(bool set_to_none = true);

  /// This module as a `T` (a layer's Impl class or its holder), or nullptr.
  template <typename T>
  auto* as() noexcept {
    if constexpr (detail::is_module_holder<T>::value) {
      return dynamic_cast<typename T::ContainedType*>(this);
    } else {
      return dynamic_cast<T*>(this);
    }
  }
  template <typename T>
  const auto* as() const noexcept {
    if constexpr (detail::is_module_holder<T>::value) {
      return dynamic_cast<const typename T::ContainedType*>(this);
    } else {
      return dynamic_cast<const T*>(this);
    }
  }

  /// Writes this module's one-line description, as Python's repr of a module without children:
  /// its name, then its arguments in parentheses ("Linear(in_features=3, out_features=4,
  /// bias=True)"). Layers override it; the default prints "Name()".
  virtual void pretty_print(std::ostream& stream) const;

  /// Adds a parameter (`requires_grad` is set on it). An undefined tensor reserves the name
  /// (as PyTorch's `bias=None`) and is skipped by parameters().
  Tensor& register_parameter(std::string name, Tensor tensor, bool requires_grad = true);
  /// Adds a buffer: state that is saved and moved with the module but not trained.
  Tensor& register_buffer(std::string name, Tensor tensor);

  /// Adds a submodule and returns it (assignable to the layer's holder).
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name,
                                              std::shared_ptr<ModuleType> module) {
    check_module_name(name, module != nullptr);
    children_.insert(std::move(name), std::shared_ptr<Module>(module));
    return module;
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(std::string name,
                                              ModuleHolder<ModuleType> module_holder) {
    return register_module(std::move(name), module_holder.ptr());
  }
  /// Replaces the submodule registered as `name` (which must exist).
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name,
                                             std::shared_ptr<ModuleType> module) {
    check_module_name(name, module != nullptr);
    child_slot(name) = module;
    return module;
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(const std::string& name,
                                             ModuleHolder<ModuleType> module_holder) {
    return replace_module(name, module_holder.ptr());
  }
  void unregister_module(const std::string& name);

 protected:
  /// Writes the module and its descendants as Python's repr, continuation lines indented by
  /// `indentation`; containers with their own layout (ModuleList) override it.
  virtual void pretty_print_recursive(std::ostream& stream, const std::string& indentation) const;

  /// The module's own entries (not its descendants'), in registration order.
  OrderedDict<std::string, Tensor> parameters_{"Parameter"};
  OrderedDict<std::string, Tensor> buffers_{"Buffer"};
  OrderedDict<std::string, std::shared_ptr<Module>> children_{"Submodule"};

 private:
  template <typename Derived>
  friend class Cloneable;
  friend EMBER_API std::ostream& operator<<(std::ostream& stream, const Module& module);

  // Cloneable<T> overrides it: replaces this module's state with a deep copy of `other`.
  virtual void clone_from(const Module& other, const std::optional<Device>& device);
  void check_module_name(const std::string& name, bool defined) const;
  std::shared_ptr<Module>& child_slot(const std::string& name);
  void to_impl(std::optional<Device> device, std::optional<Dtype> dtype);

  mutable std::optional<std::string> name_;
  bool is_training_ = true;
};

/// Prints `module` as Python's print(model): a leaf's pretty_print line, or
///   Sequential(
///     (0): Linear(in_features=3, out_features=4, bias=True)
///     (1): ReLU()
///   )
EMBER_API std::ostream& operator<<(std::ostream& stream, const Module& module);

}  // namespace ember::nn
