// The non-template half of custom autograd functions (include/ember/autograd/Function.h),
// following libtorch's custom_function.cpp: how forward's outputs get their history, and the
// checks around the user's backward.

#include "ember/autograd/Function.h"

#include <cxxabi.h>

#include <cstdlib>

#include "autograd/AutogradMeta.h"
#include "autograd/SavedVariable.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

AutogradContext::AutogradContext() = default;
AutogradContext::~AutogradContext() = default;

void AutogradContext::save_for_backward(variable_list to_save) { to_save_ = std::move(to_save); }

void AutogradContext::mark_dirty(const variable_list& inputs) {
  dirty_inputs_.clear();
  for (const Tensor& t : inputs) dirty_inputs_.insert(t.unsafeGetTensorImpl());
}

void AutogradContext::mark_non_differentiable(const variable_list& outputs) {
  non_differentiable_.clear();
  for (const Tensor& t : outputs) non_differentiable_.insert(t.unsafeGetTensorImpl());
}

void AutogradContext::set_materialize_grads(bool value) { materialize_grads_ = value; }

const std::unordered_set<const TensorImpl*>& AutogradContext::get_and_bump_dirty() const {
  for (const TensorImpl* impl : dirty_inputs_) impl->bump_version();
  return dirty_inputs_;
}

const std::unordered_set<const TensorImpl*>& AutogradContext::get_non_differentiable() const {
  return non_differentiable_;
}

variable_list AutogradContext::get_saved_variables() const {
  const std::shared_ptr<Node> owner = grad_fn_.lock();
  variable_list saved;
  saved.reserve(saved_variables_.size());
  // A released SavedVariable throws the "backward through the graph a second time" error.
  for (const SavedVariable& var : saved_variables_) saved.push_back(var.unpack(owner));
  return saved;
}

bool AutogradContext::needs_input_grad(size_t output_edge_index) const {
  const std::shared_ptr<Node> node = grad_fn_.lock();
  EMBER_CHECK(node != nullptr,
              "needs_input_grad: the context has no node (it is only known in a function "
              "applied to tensors that require grad)");
  return node->should_compute_output(output_edge_index);
}

bool AutogradContext::needs_input_grad(std::initializer_list<size_t> indices) const {
  for (size_t i : indices) {
    if (needs_input_grad(i)) return true;
  }
  return false;
}

}  // namespace ember::autograd

namespace ember::detail {

using namespace ember::autograd;

std::string CustomFunctionSupport::node_name(const std::type_info& function_type) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(function_type.name(), nullptr, nullptr, &status);
  std::string type_name = status == 0 && demangled != nullptr ? demangled : function_type.name();
  std::free(demangled);
  return "torch::autograd::CppNode<" + type_name + ">";
}

void CustomFunctionSupport::prepare(const std::shared_ptr<Node>& node, AutogradContext& ctx,
                                    const variable_list& inputs, bool is_executable) {
  ctx.grad_fn_ = node;
  if (!is_executable) return;
  for (const Tensor& t : inputs) node->add_next_edge(t.defined() ? gradient_edge(t) : Edge());
}

namespace {

// An alias of `t` without its autograd state (an input returned as an output becomes a new
// tensor, so that the input keeps its own history).
Tensor alias_of(const Tensor& t) {
  return make_view(t, t.sizes(), t.strides(), t.storage_offset());
}

}  // namespace

variable_list CustomFunctionSupport::wrap_outputs(const std::shared_ptr<Node>& node,
                                                  AutogradContext& ctx, const variable_list& inputs,
                                                  variable_list outputs) {
  std::unordered_set<const TensorImpl*> input_impls;
  for (const Tensor& t : inputs) {
    if (t.defined()) input_impls.insert(t.unsafeGetTensorImpl());
  }
  const auto& dirty = ctx.get_and_bump_dirty();
  const auto& non_differentiable = ctx.get_non_differentiable();
  for (const TensorImpl* impl : dirty) {
    EMBER_CHECK(input_impls.count(impl) != 0,
                "mark_dirty: only input Tensors should be given to ctx.mark_dirty(). If a Tensor "
                "is not an input, there is no need to pass it to mark_dirty().");
  }

  for (size_t i = 0; i < outputs.size(); ++i) {
    Tensor& var = outputs[i];
    if (!var.defined()) {
      // Backward gets an (empty) zero gradient for it.
      if (node) node->add_input_metadata(ember::empty({0}));
      continue;
    }
    const TensorImpl* impl = var.unsafeGetTensorImpl();
    const bool is_input = input_impls.count(impl) != 0;
    const bool is_modified = dirty.count(impl) != 0;
    const bool is_differentiable =
        node != nullptr && non_differentiable.count(impl) == 0 && var.is_floating_point();
    uint32_t output_nr = 0;
    if (node) output_nr = node->add_input_metadata(var);

    if (!is_differentiable) {
      if (!var.requires_grad()) {
        if (is_input && !is_modified) var = alias_of(var);
        continue;
      }
      // Detached aliases of inputs, rather than changing the inputs' requires_grad.
      if (is_input) {
        var = var.detach();
      } else if (!var.is_view()) {
        var.detach_();
      }
    } else if (is_modified) {
      EMBER_CHECK(!var.is_leaf() || !var.requires_grad(),
                  "a leaf Variable that requires grad has been used in an in-place operation.");
      const AutogradMeta* meta = get_meta(var);
      EMBER_CHECK(meta == nullptr || !meta->is_view_ || !meta->base_.requires_grad(),
                  "mark_dirty: a custom Function that modifies in place a view of a tensor that "
                  "requires grad is not supported; clone() the view before passing it");
      ensure_meta(var).set_history(node, output_nr);
    } else if (is_input) {
      var = alias_of(var);
      ensure_meta(var).set_history(node, output_nr);
    } else {
      ensure_meta(var).set_history(node, output_nr);
    }
  }

  std::unordered_set<const TensorImpl*> returned;
  for (const Tensor& out : outputs) {
    if (out.defined()) returned.insert(out.unsafeGetTensorImpl());
  }
  for (const TensorImpl* impl : dirty) {
    EMBER_CHECK(returned.count(impl) != 0,
                "Some elements marked as dirty during the forward method were not returned as "
                "output. The inputs that are modified inplace must all be outputs of the "
                "Function.");
  }

  if (node) {
    ctx.saved_variables_.reserve(ctx.to_save_.size());
    for (const Tensor& t : ctx.to_save_) {
      const bool is_output = t.defined() && current_grad_fn(t) == node;
      ctx.saved_variables_.emplace_back(t, is_output);
    }
  }
  ctx.to_save_.clear();
  return outputs;
}

variable_list CustomFunctionSupport::backward_inputs(const Node& node, const AutogradContext& ctx,
                                                     variable_list&& grads) {
  if (!ctx.materialize_grads_) return std::move(grads);
  for (size_t i = 0; i < grads.size(); ++i) {
    if (grads[i].defined()) continue;
    const InputMetadata& meta = node.input_metadata(i);
    grads[i] = ember::zeros(meta.sizes, TensorOptions().dtype(meta.dtype).device(meta.device));
  }
  return std::move(grads);
}

variable_list CustomFunctionSupport::tensor_gradients(const std::string& name,
                                                      const std::vector<bool>& is_variable_input,
                                                      variable_list&& grads) {
  const size_t num_forward_inputs = is_variable_input.size();
  // Returning too many gradients is allowed when the extra ones are undefined.
  if (grads.size() > num_forward_inputs) {
    bool all_undefined = true;
    for (size_t i = num_forward_inputs; i < grads.size(); ++i) {
      all_undefined = all_undefined && !grads[i].defined();
    }
    if (all_undefined) grads.resize(num_forward_inputs);
  }
  EMBER_CHECK(grads.size() == num_forward_inputs,
              "function {} returned an incorrect number of gradients (expected {}, got {})", name,
              num_forward_inputs, grads.size());
  variable_list results;
  results.reserve(grads.size());
  for (size_t i = 0; i < grads.size(); ++i) {
    if (!is_variable_input[i]) {
      EMBER_CHECK(!grads[i].defined(),
                  "function {} returned a gradient different that is defined at position {}, "
                  "std the corresponding forward input was not a Variable",
                  name, i + 1);
      continue;
    }
    results.push_back(std::move(grads[i]));
  }
  return results;
}

void CustomFunctionSupport::release(AutogradContext& ctx) {
  for (SavedVariable& var : ctx.saved_variables_) var.release();
}

}  // namespace ember::detail
