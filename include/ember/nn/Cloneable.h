#pragma once

// Cloneable<Derived>, as libtorch's: the base of every layer. A layer creates and registers
// its parameters in reset() (its constructor calls it), which is what lets clone() make a
// deep copy: copy the object, let reset() register fresh tensors, then copy the values over.

#include <memory>
#include <optional>
#include <string>

#include "ember/core/Device.h"
#include "ember/core/Error.h"
#include "ember/core/GradMode.h"
#include "ember/nn/Module.h"

namespace ember::nn {

template <typename Derived>
class Cloneable : public Module {
 public:
  using Module::Module;

  /// Creates (again) and registers the module's parameters, buffers and submodules.
  virtual void reset() = 0;

  std::shared_ptr<Module> clone(const std::optional<Device>& device = std::nullopt) const override {
    NoGradGuard no_grad;
    const auto& self = static_cast<const Derived&>(*this);
    auto copy = std::make_shared<Derived>(self);
    copy->parameters_.clear();
    copy->buffers_.clear();
    copy->children_.clear();
    copy->reset();
    copy_entries("parameters", parameters_, copy->parameters_, device);
    copy_entries("buffers", buffers_, copy->buffers_, device);
    check(copy->children_.size() == children_.size(),
          "The cloned module does not have the same number of submodules as the original "
          "module after calling reset(). Are you sure you called register_module() inside "
          "reset() and not the constructor?");
    for (const auto& child : children_) {
      copy->children_[child.key()]->clone_from(*child.value(), device);
    }
    return copy;
  }

 private:
  // Replaces this module's state with a deep copy of `other` (same type), used for the
  // children of a clone: the parent's reset() made fresh children, which take the values.
  void clone_from(const Module& other, const std::optional<Device>& device) final {
    const auto* source = dynamic_cast<const Derived*>(&other);
    check(source != nullptr, "Attempted to clone submodules of different types");
    static_cast<Derived&>(*this) = std::move(static_cast<Derived&>(*source->clone(device)));
  }

  template <typename Dict>
  static void copy_entries(const char* what, const Dict& from, Dict& to,
                           const std::optional<Device>& device) {
    check(to.size() == from.size(),
          std::string("The cloned module does not have the same number of ") + what +
              " as the original module after calling reset(). Are you sure you called "
              "register_parameter()/register_buffer() inside reset() and not the constructor?");
    for (const auto& entry : from) {
      Tensor& target = to[entry.key()];
      if (!entry.value().defined()) continue;
      Tensor data = device ? entry.value().to(*device).clone() : entry.value().clone();
      data.requires_grad_(false);
      target.set_data(data);
      target.requires_grad_(entry.value().requires_grad());
    }
  }
  static void check(bool condition, const std::string& message) {
    if (!condition) ember::detail::throw_error(message);
  }
};

}  // namespace ember::nn
