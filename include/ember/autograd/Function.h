#pragma once

// Custom autograd functions as libtorch writes them (torch/csrc/autograd/custom_function.h):
//
//   class MulConstant : public ember::autograd::Function<MulConstant> {
//    public:
//     static Tensor forward(AutogradContext* ctx, Tensor t, double c) {
//       ctx->saved_data["c"] = c;
//       return t * c;
//     }
//     static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
//       return {grad_outputs[0] * ctx->saved_data["c"].toDouble(), Tensor()};
//     }
//   };
//   Tensor y = MulConstant::apply(x, 5.5);
//
// apply() runs forward with grad mode off; when grad mode is on and a tensor argument requires
// grad, the outputs get a CppNode<MulConstant> as history, whose backward calls
// MulConstant::backward with one gradient per output and expects one per forward argument
// (undefined for the arguments that are not tensors).

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ember/autograd/Node.h"
#include "ember/core/ArrayRef.h"
#include "ember/core/Export.h"
#include "ember/core/GradMode.h"
#include "ember/core/IValue.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

using tensor_list = variable_list;

class SavedVariable;
struct AutogradContext;

}  // namespace ember::autograd

namespace ember::detail {
struct CustomFunctionSupport;
}  // namespace ember::detail

namespace ember::autograd {

/// What forward() leaves for backward(): tensors (save_for_backward), other values
/// (saved_data), and what the outputs are (mark_dirty, mark_non_differentiable).
struct EMBER_API AutogradContext {
  AutogradContext();
  AutogradContext(const AutogradContext&) = delete;
  AutogradContext& operator=(const AutogradContext&) = delete;
  AutogradContext(AutogradContext&&) = delete;
  AutogradContext& operator=(AutogradContext&&) = delete;
  ~AutogradContext();

  /// Non-tensor data for backward.
  std::unordered_map<std::string, IValue> saved_data;

  /// Saves tensors (inputs, outputs or neither) for backward; call at most once, in forward.
  void save_for_backward(variable_list to_save);
  /// Marks inputs that forward changed in place; they are returned as outputs.
  void mark_dirty(const variable_list& inputs);
  /// Marks outputs that have no gradient (they never require grad).
  void mark_non_differentiable(const variable_list& outputs);
  /// Whether backward receives zeros (true, the default) or undefined tensors for the outputs
  /// that got no gradient.
  void set_materialize_grads(bool value);

  /// The tensors saved in forward, checked against in-place changes made since.
  variable_list get_saved_variables() const;
  const std::unordered_set<const TensorImpl*>& get_and_bump_dirty() const;
  const std::unordered_set<const TensorImpl*>& get_non_differentiable() const;

  /// Whether the gradient of tensor argument `output_edge_index` (counting tensor arguments
  /// only) is needed.
  bool needs_input_grad(size_t output_edge_index) const;
  bool needs_input_grad(std::initializer_list<size_t> indices) const;

 private:
  friend struct ember::detail::CustomFunctionSupport;
  std::unordered_set<const TensorImpl*> non_differentiable_;
  std::unordered_set<const TensorImpl*> dirty_inputs_;
  std::vector<SavedVariable> saved_variables_;
  variable_list to_save_;
  bool materialize_grads_ = true;
  /// The node owning this context (weak: the node owns the context).
  std::weak_ptr<Node> grad_fn_;
};

}  // namespace ember::autograd

namespace ember::detail {

/// The non-template steps of Function::apply and CppNode::apply.
struct EMBER_API CustomFunctionSupport {
  /// libtorch's name for the node of Function<T>: "torch::autograd::CppNode<T>".
  static std::string node_name(const std::type_info& function_type);
  /// Gives `node` the edges of `inputs` and the context its node.
  static void prepare(const std::shared_ptr<autograd::Node>& node, autograd::AutogradContext& ctx,
                      const autograd::variable_list& inputs, bool is_executable);
  /// Gives forward's outputs their history (or none), then keeps the saved tensors.
  static autograd::variable_list wrap_outputs(const std::shared_ptr<autograd::Node>& node,
                                              autograd::AutogradContext& ctx,
                                              const autograd::variable_list& inputs,
                                              autograd::variable_list outputs);
  /// The gradients backward receives: zeros for the missing ones unless the context says not.
  static autograd::variable_list backward_inputs(const autograd::Node& node,
                                                 const autograd::AutogradContext& ctx,
                                                 autograd::variable_list&& grads);
  /// Checks the number of gradients backward returned and keeps the tensor arguments' ones.
  static autograd::variable_list tensor_gradients(const std::string& name,
                                                  const std::vector<bool>& is_variable_input,
                                                  autograd::variable_list&& grads);
  static void release(autograd::AutogradContext& ctx);
};

/// Lists the tensor arguments of forward (tensors, optional tensors that hold one, lists of
/// tensors) and marks which arguments they are.
struct ExtractVariables {
  std::vector<bool>& is_var;
  autograd::variable_list& list;
  void operator()(const Tensor& t) const {
    is_var.push_back(true);
    list.push_back(t);
  }
  void operator()(const std::optional<Tensor>& t) const {
    const bool has = t.has_value() && t->defined();
    is_var.push_back(has);
    if (has) list.push_back(*t);
  }
  void operator()(ArrayRef<Tensor> ts) const {
    for (const Tensor& t : ts) (*this)(t);
  }
  template <class Other>
  void operator()(const Other&) const {
    is_var.push_back(false);
  }
};

inline autograd::variable_list to_list(Tensor t) { return {std::move(t)}; }
inline autograd::variable_list to_list(autograd::variable_list ts) { return ts; }

template <class Out>
Out from_list(autograd::variable_list&& ts) {
  if constexpr (std::is_same_v<Out, Tensor>) {
    return std::move(ts.at(0));
  } else {
    return std::move(ts);
  }
}

}  // namespace ember::detail

namespace ember::autograd {

/// The backward node of Function<T>: calls T::backward.
template <class T>
struct CppNode final : public Node {
  std::string name() const override {
    return ember::detail::CustomFunctionSupport::node_name(typeid(T));
  }
  void release_variables() override { ember::detail::CustomFunctionSupport::release(ctx_); }

  AutogradContext ctx_;
  std::vector<bool> is_variable_input_;

 protected:
  variable_list apply(variable_list&& grads) override {
    variable_list outputs = T::backward(
        &ctx_,
        ember::detail::CustomFunctionSupport::backward_inputs(*this, ctx_, std::move(grads)));
    return ember::detail::CustomFunctionSupport::tensor_gradients(name(), is_variable_input_,
                                                                  std::move(outputs));
  }
};

/// The result type of T::forward for these arguments.
template <class X, class... Args>
using forward_t = decltype(X::forward(nullptr, std::declval<Args>()...));

/// Base of a custom function T with static forward(AutogradContext*, args...) returning a
/// Tensor or a variable_list, and static backward(AutogradContext*, variable_list).
template <class T>
struct Function {
  template <class X = T, class... Args>
  static auto apply(Args&&... args)
      -> std::enable_if_t<std::is_same_v<X, T>, forward_t<X, Args...>> {
    using Support = ember::detail::CustomFunctionSupport;
    auto node = std::make_shared<CppNode<T>>();
    variable_list inputs;
    (ember::detail::ExtractVariables{node->is_variable_input_, inputs}(args), ...);
    bool is_executable = false;
    if (GradMode::is_enabled()) {
      for (const Tensor& t : inputs) {
        is_executable = is_executable || (t.defined() && t.requires_grad());
      }
    }
    Support::prepare(node, node->ctx_, inputs, is_executable);
    using Out = forward_t<X, Args...>;
    static_assert(std::is_same_v<Out, Tensor> || std::is_same_v<Out, variable_list>,
                  "forward must return a Tensor or a variable_list");
    variable_list outputs;
    {
      AutoGradMode grad_off(false);
      outputs = ember::detail::to_list(T::forward(&node->ctx_, std::forward<Args>(args)...));
    }
    return ember::detail::from_list<Out>(
        Support::wrap_outputs(is_executable ? std::shared_ptr<Node>(node) : nullptr, node->ctx_,
                              inputs, std::move(outputs)));
  }
};

}  // namespace ember::autograd
