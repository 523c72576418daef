#pragma once

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "core/AutogradHooks.h"
#include "ember/autograd/Node.h"
#include "ember/core/AutogradMetaInterface.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

/// Per-tensor autograd state. A leaf has requires_grad set by the user and, once a graph
/// reaches it, a grad accumulator (held weakly: the graph owns it). A non-leaf has the node
/// that made it (grad_fn) and which of that node's inputs it is (output_nr). A view knows its
/// base, so that an in-place change of the view becomes part of the base's history.
class AutogradMeta final : public AutogradMetaInterface {
 public:
  ~AutogradMeta() override;
  void set_requires_grad(bool requires_grad, TensorImpl* self) override;
  Tensor& mutable_grad() override;
  const Tensor& grad() const override;

  /// Makes `fn`/`output_nr` this tensor's history (requires_grad follows).
  void set_history(std::shared_ptr<Node> fn, uint32_t output_nr);
  bool leaf_requires_grad() const { return leaf_requires_grad_; }

  std::shared_ptr<Node> grad_fn_;
  uint32_t output_nr_ = 0;
  std::weak_ptr<Node> grad_accumulator_;
  /// Tensor hooks of a leaf (a non-leaf's live on its grad_fn), run by its AccumulateGrad.
  std::vector<std::pair<unsigned, detail::TensorHook>> leaf_hooks_;
  /// Hooks of a leaf run after its gradient was accumulated (autograd/Hooks.cpp).
  std::vector<std::pair<unsigned, std::function<void(const Tensor&)>>> post_accumulate_hooks_;
  /// The gradient of a retain_grad() non-leaf, shared with the hook that fills it (so the
  /// graph never holds the tensor).
  std::shared_ptr<Tensor> retained_grad_;

  // ---- views ----
  bool is_view_ = false;
  /// Part of the outputs of one op returning several views (split): may not change in place.
  bool multi_output_view_ = false;
  Tensor base_;
  /// The version of the base when grad_fn_ was last made; a different one means the base
  /// changed in place and this view's history must be remade from the base's.
  uint32_t attr_version_ = 0;

 private:
  bool leaf_requires_grad_ = false;
  Tensor grad_;
};

/// The tensor's AutogradMeta, or null when it has none.
inline AutogradMeta* get_meta(const Tensor& t) {
  return static_cast<AutogradMeta*>(t.unsafeGetTensorImpl()->autograd_meta());
}
/// The tensor's AutogradMeta, created if needed.
inline AutogradMeta& ensure_meta(const Tensor& t) {
  return static_cast<AutogradMeta&>(t.unsafeGetTensorImpl()->ensure_autograd_meta());
}

/// Where a gradient for `t` goes: its grad_fn and output_nr, or the accumulator of a leaf that
/// requires grad (created on first use), or nowhere.
Edge gradient_edge(const Tensor& t);
/// A leaf's accumulator, created on first use.
std::shared_ptr<Node> grad_accumulator(const Tensor& t);
/// The tensor's grad_fn, remade first when it is a view whose base changed in place.
const std::shared_ptr<Node>& current_grad_fn(const Tensor& t);

}  // namespace ember::autograd
