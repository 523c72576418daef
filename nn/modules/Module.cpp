#include "ember/nn/Module.h"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <typeinfo>

#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/GradMode.h"

namespace ember::nn {
namespace detail {
EMBER_API std::string demangled_type_name(const std::type_info& type);
}  // namespace detail
namespace {

// "ember::nn::LinearImpl" -> "Linear", "(anonymous namespace)::Net" -> "Net": Python prints a
// module's class name, and layers' classes are named <Layer>Impl behind their holders.
std::string class_name_of(const std::type_info& type) {
  std::string name = detail::demangled_type_name(type);
  // Drop template arguments' namespaces only from the outer name: cut at the last "::" that
  // is not inside angle brackets.
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '<') ++depth;
    if (name[i] == '>') --depth;
    if (depth == 0 && name[i] == ':' && i + 1 < name.size() && name[i + 1] == ':') start = i + 2;
  }
  name = name.substr(start);
  constexpr std::string_view kImpl = "Impl";
  if (name.size() > kImpl.size() && name.ends_with(kImpl)) name.resize(name.size() - kImpl.size());
  return name;
}

std::string join_name(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

}  // namespace

Module::Module(std::string name) : name_(std::move(name)) {}
Module::Module() = default;
Module::~Module() = default;

const std::string& Module::name() const {
  // The dynamic type is only known once construction is over, hence computed on first use.
  if (!name_) name_ = class_name_of(typeid(*this));
  return *name_;
}

std::shared_ptr<Module> Module::clone(const std::optional<Device>& /*device*/) const {
  EMBER_FAIL(
      "clone() has not been implemented for {}. Subclass torch::nn::Cloneable<{}> instead of "
      "torch::nn::Module to inherit the ability to clone.",
      name(), name());
}

void Module::clone_from(const Module& /*other*/, const std::optional<Device>& /*device*/) {
  EMBER_FAIL("clone() has not been implemented for {}: derive it from nn::Cloneable<{}Impl>",
             name(), name());
}

// ---- Walking the tree --------------------------------------------------------------------------

void Module::apply(const ModuleApplyFunction& function) {
  function(*this);
  for (auto& child : children_) child.value()->apply(function);
}

void Module::apply(const ConstModuleApplyFunction& function) const {
  function(*this);
  for (const auto& child : children_) {
    const Module& module = *child.value();
    module.apply(function);
  }
}

void Module::apply(const NamedModuleApplyFunction& function, const std::string& name_prefix) {
  function(name_prefix, *this);
  for (auto& child : children_) {
    child.value()->apply(function, join_name(name_prefix, child.key()));
  }
}

void Module::apply(const ConstNamedModuleApplyFunction& function,
                   const std::string& name_prefix) const {
  function(name_prefix, *this);
  for (const auto& child : children_) {
    const Module& module = *child.value();
    module.apply(function, join_name(name_prefix, child.key()));
  }
}

void Module::apply(const ModulePointerApplyFunction& function) const {
  function(std::const_pointer_cast<Module>(shared_from_this()));
  for (const auto& child : children_) child.value()->apply(function);
}

void Module::apply(const NamedModulePointerApplyFunction& function,
                   const std::string& name_prefix) const {
  function(name_prefix, std::const_pointer_cast<Module>(shared_from_this()));
  for (const auto& child : children_) {
    child.value()->apply(function, join_name(name_prefix, child.key()));
  }
}

std::vector<Tensor> Module::parameters(bool recurse) const {
  return named_parameters(recurse).values();
}

OrderedDict<std::string, Tensor> Module::named_parameters(bool recurse) const {
  OrderedDict<std::string, Tensor> result("Parameter");
  const ConstNamedModuleApplyFunction collect = [&](const std::string& prefix,
                                                    const Module& module) {
    for (const auto& parameter : module.parameters_) {
      if (parameter.value().defined()) {
        result.insert(join_name(prefix, parameter.key()), parameter.value());
      }
    }
  };
  if (recurse) {
    apply(collect);
  } else {
    collect("", *this);
  }
  return result;
}

std::vector<Tensor> Module::buffers(bool recurse) const { return named_buffers(recurse).values(); }

OrderedDict<std::string, Tensor> Module::named_buffers(bool recurse) const {
  OrderedDict<std::string, Tensor> result("Buffer");
  const ConstNamedModuleApplyFunction collect = [&](const std::string& prefix,
                                                    const Module& module) {
    for (const auto& buffer : module.buffers_) {
      if (buffer.value().defined()) result.insert(join_name(prefix, buffer.key()), buffer.value());
    }
  };
  if (recurse) {
    apply(collect);
  } else {
    collect("", *this);
  }
  return result;
}

std::vector<std::shared_ptr<Module>> Module::modules(bool include_self) const {
  return named_modules("", include_self).values();
}

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_modules(
    const std::string& name_prefix, bool include_self) const {
  OrderedDict<std::string, std::shared_ptr<Module>> result("Module");
  if (include_self) {
    // shared_from_this needs the module to be owned by a shared_ptr (holders and
    // register_module make sure of that); a module on the stack cannot list itself.
    EMBER_CHECK(!weak_from_this().expired(),
                "It looks like you attempted to retrieve your top-level module as a shared_ptr, "
                "but it is not stored in a shared_ptr. Use std::make_shared<{}>() instead of "
                "creating your module on the stack, or alternatively do not try to access your "
                "top-level module.",
                name());
    apply([&](const std::string& key,
              const std::shared_ptr<Module>& module) { result.insert(key, module); },
          name_prefix);
  } else {
    for (const auto& child : children_) {
      child.value()->apply(
          [&](const std::string& key, const std::shared_ptr<Module>& module) {
            result.insert(key, module);
          },
          join_name(name_prefix, child.key()));
    }
  }
  return result;
}

std::vector<std::shared_ptr<Module>> Module::children() const { return children_.values(); }

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_children() const {
  return children_;
}

// ---- State -------------------------------------------------------------------------------------

void Module::train(bool on) {
  for (auto& child : children_) child.value()->train(on);
  is_training_ = on;
}

void Module::to(Device device, Dtype dtype, bool /*non_blocking*/) { to_impl(device, dtype); }
void Module::to(Dtype dtype, bool /*non_blocking*/) { to_impl(std::nullopt, dtype); }
void Module::to(Device device, bool /*non_blocking*/) { to_impl(device, std::nullopt); }

void Module::to_impl(std::optional<Device> device, std::optional<Dtype> dtype) {
  if (dtype) {
    EMBER_CHECK(is_floating_type(*dtype),
                "nn.Module.to only accepts floating point dtypes, but got desired dtype={}",
                *dtype);
  }
  for (auto& child : children_) child.value()->to_impl(device, dtype);
  NoGradGuard no_grad;
  // Integer tensors keep their dtype (PyTorch converts only floating-point ones).
  auto convert = [&](const Tensor& t) {
    const Dtype target = dtype && t.is_floating_point() ? *dtype : t.dtype();
    return t.to(device.value_or(t.device()), target);
  };
  for (auto& parameter : parameters_) {
    Tensor& p = parameter.value();
    if (!p.defined()) continue;
    Tensor moved = convert(p);
    if (moved.unsafeGetTensorImpl() != p.unsafeGetTensorImpl()) p.set_data(moved);
    // PyTorch moves the gradient with its parameter.
    if (p.grad().defined()) {
      Tensor grad = convert(p.grad());
      if (grad.unsafeGetTensorImpl() != p.grad().unsafeGetTensorImpl()) p.mutable_grad() = grad;
    }
  }
  for (auto& buffer : buffers_) {
    Tensor& b = buffer.value();
    if (!b.defined()) continue;
    Tensor moved = convert(b);
    if (moved.unsafeGetTensorImpl() != b.unsafeGetTensorImpl()) b.set_data(moved);
  }
}

void Module::zero_grad(bool set_to_none) {
  for (auto& parameter : parameters(/*recurse=*/true)) {
    Tensor& grad = parameter.mutable_grad();
    if (!grad.defined()) continue;
    if (set_to_none) {
      grad = Tensor();
    } else {
      NoGradGuard no_grad;
      if (grad.grad_fn()) grad = grad.detach();
      grad.zero_();
    }
  }
}

// ---- Registration ------------------------------------------------------------------------------

namespace {
void check_entry_name(const char* what, const std::string& name) {
  EMBER_CHECK(!name.empty(), "{} name must not be empty", what);
  EMBER_CHECK(name.find('.') == std::string::npos, "{} name must not contain a dot (got '{}')",
              what, name);
}
}  // namespace

Tensor& Module::register_parameter(std::string name, Tensor tensor, bool requires_grad) {
  check_entry_name("Parameter", name);
  if (tensor.defined()) tensor.set_requires_grad(requires_grad);
  return parameters_.insert(std::move(name), std::move(tensor));
}

Tensor& Module::register_buffer(std::string name, Tensor tensor) {
  check_entry_name("Buffer", name);
  return buffers_.insert(std::move(name), std::move(tensor));
}

void Module::check_module_name(const std::string& name, bool defined) const {
  check_entry_name("Submodule", name);
  EMBER_CHECK(defined, "Submodule '{}' must not be a null module", name);
}

std::shared_ptr<Module>& Module::child_slot(const std::string& name) {
  auto* slot = children_.find(name);
  EMBER_CHECK(slot != nullptr, "No Module with name '{}' is registered in {}", name, this->name());
  return *slot;
}

void Module::unregister_module(const std::string& name) {
  EMBER_CHECK(children_.contains(name), "No Module with name `{}` is registered", name);
  children_.erase(name);
}

// ---- Printing ----------------------------------------------------------------------------------

void Module::pretty_print(std::ostream& stream) const { stream << name() << "()"; }

void Module::pretty_print_recursive(std::ostream& stream, const std::string& indentation) const {
  if (children_.is_empty()) {
    pretty_print(stream);
    return;
  }
  stream << name() << "(\n";
  const std::string inner = indentation + "  ";
  for (const auto& child : children_) {
    stream << inner << "(" << child.key() << "): ";
    child.value()->pretty_print_recursive(stream, inner);
    stream << "\n";
  }
  stream << indentation << ")";
}

namespace detail {
std::string demangled_type_name(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && demangled ? demangled.get() : type.name();
}
}  // namespace detail

std::ostream& operator<<(std::ostream& stream, const Module& module) {
  module.pretty_print_recursive(stream, "");
  return stream;
}

}  // namespace ember::nn
