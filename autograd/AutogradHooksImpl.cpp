// The autograd layer's side of core/AutogradHooks.h: recording nodes for ops, views and
// in-place changes, and the autograd methods of Tensor.

#include "autograd/AccumulateGrad.h"
#include "autograd/AutogradMeta.h"
#include "autograd/CopySlices.h"
#include "autograd/Engine.h"
#include "autograd/OpNode.h"
#include "ember/autograd/Autograd.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::autograd {

namespace {

bool is_differentiable_dtype(Dtype d) { return is_floating_type(d); }

// Gives `outputs` the node as history (those of a differentiable dtype) and declares each as
// one of the node's inputs.
void set_outputs_history(const std::shared_ptr<OpNode>& node, ArrayRef<Tensor> outputs) {
  for (const Tensor& out : outputs) {
    const uint32_t nr = node->add_input_metadata(out);
    if (is_differentiable_dtype(out.dtype())) ensure_meta(out).set_history(node, nr);
  }
  node->save_outputs(outputs);
}

std::string multi_output_view_error(const AutogradMeta& meta) {
  return fmt::format(
      "Output {} of {} is a view and is being modified inplace. This view is the output of a "
      "function that returns multiple views. Such functions do not allow the output views to "
      "be modified inplace. You should replace the inplace operation by an out-of-place one.",
      meta.output_nr_, meta.grad_fn_ ? meta.grad_fn_->name() : std::string("a view op"));
}

class Hooks final : public detail::AutogradHooks {
 public:
  std::unique_ptr<AutogradMetaInterface> make_meta() override {
    return std::make_unique<AutogradMeta>();
  }

  void record(GradOp op, ArrayRef<Tensor> inputs, ArrayRef<Tensor> outputs,
              OpAttrs&& attrs) override {
    auto node = std::make_shared<OpNode>(op, formula_for(op), std::move(attrs));
    node->reserve(inputs.size(), outputs.size());
    for (const Tensor& in : inputs) node->add_forward_input(in);
    set_outputs_history(node, outputs);
  }

  void record_view(GradOp op, const Tensor& input, ArrayRef<Tensor> outputs, OpAttrs&& attrs,
                   bool multi) override {
    AutogradMeta* in_meta = get_meta(input);
    const Tensor& base = in_meta != nullptr && in_meta->is_view_ ? in_meta->base_ : input;
    for (const Tensor& out : outputs) {
      AutogradMeta& meta = ensure_meta(out);
      meta.is_view_ = true;
      meta.base_ = base;
      meta.multi_output_view_ = multi;
      meta.attr_version_ = out._version();
    }
    if (detail::requires_grad_fast(input))
      record(op, ArrayRef<Tensor>(&input, 1), outputs, std::move(attrs));
  }

  void check_inplace(const Tensor& self, const char* op) override {
    if (!GradMode::is_enabled()) return;
    const AutogradMeta* meta = get_meta(self);
    if (meta == nullptr) return;
    EMBER_CHECK(!(meta->grad_fn_ == nullptr && meta->leaf_requires_grad()),
                "{}: a leaf Variable that requires grad is being used in an in-place operation.",
                op);
    if (meta->is_view_) {
      const AutogradMeta* base_meta = get_meta(meta->base_);
      EMBER_CHECK(!(base_meta != nullptr && base_meta->grad_fn_ == nullptr &&
                    base_meta->leaf_requires_grad()),
                  "{}: a view of a leaf Variable that requires grad is being used in an "
                  "in-place operation.",
                  op);
      EMBER_CHECK(!(meta->multi_output_view_ && meta->requires_grad()), "{}: {}", op,
                  multi_output_view_error(*meta));
    }
  }

  detail::PendingInplace begin_inplace(GradOp op, ArrayRef<Tensor> inputs,
                                       OpAttrs&& attrs) override {
    const FormulaEntry& entry = formula_for(op);
    auto node = std::make_shared<OpNode>(op, entry, std::move(attrs));
    const Tensor& self = inputs[0];
    if ((static_cast<uint8_t>(entry.saves) & 1) != 0) {
      // The formula needs self as it was: keep a copy, since the op is about to change it.
      const Tensor original = self.clone();
      node->add_forward_input(self, &original);
    } else {
      node->add_forward_input(self);
    }
    for (size_t i = 1; i < inputs.size(); ++i) node->add_forward_input(inputs[i]);
    return detail::PendingInplace{node};
  }

  void commit_inplace(const Tensor& self, detail::PendingInplace&& pending) override {
    auto node = std::static_pointer_cast<OpNode>(pending.node);
    AutogradMeta& meta = ensure_meta(self);
    if (meta.is_view_) {
      const Tensor& base = meta.base_;
      node->add_input_metadata(self);
      auto copy_slices = std::make_shared<CopySlices>(base, self, node);
      AutogradMeta& base_meta = ensure_meta(base);
      base_meta.set_history(copy_slices, copy_slices->add_input_metadata(base));
      // The view's own history is remade from the base's on next use.
      meta.attr_version_ = self._version() - 1;
      meta.set_history(nullptr, 0);
      (void)current_grad_fn(self);
      node->save_outputs(ArrayRef<Tensor>(&self, 1));
      return;
    }
    meta.set_history(node, node->add_input_metadata(self));
    node->save_outputs(ArrayRef<Tensor>(&self, 1));
  }

  void backward(const Tensor& self, const Tensor& gradient, std::optional<bool> retain_graph,
                bool create_graph, const std::optional<std::vector<Tensor>>& inputs) override {
    autograd::backward({self}, {gradient}, retain_graph, create_graph,
                       inputs ? *inputs : variable_list{});
  }

  const std::shared_ptr<Node>& grad_fn(const Tensor& self) override {
    return current_grad_fn(self);
  }

  bool is_leaf(const Tensor& self) override { return current_grad_fn(self) == nullptr; }

  uint32_t output_nr(const Tensor& self) override {
    const AutogradMeta* meta = get_meta(self);
    return meta ? meta->output_nr_ : 0;
  }

  void retain_grad(const Tensor& self) override {
    EMBER_CHECK(self.requires_grad(), "can't retain_grad on Tensor that has requires_grad=False");
    if (is_leaf(self)) return;  // leaves keep their gradient anyway
    AutogradMeta& meta = ensure_meta(self);
    if (meta.retained_grad_) return;
    meta.retained_grad_ = std::make_shared<Tensor>();
    std::weak_ptr<Tensor> slot = meta.retained_grad_;
    meta.grad_fn_->set_retain_grad_hook(meta.output_nr_, [slot](const Tensor& grad) {
      std::shared_ptr<Tensor> target = slot.lock();
      if (!target) return Tensor();
      if (!target->defined()) {
        *target = GradMode::is_enabled() ? grad : grad.clone();
      } else {
        *target = *target + grad;
      }
      return Tensor();
    });
  }

  bool retains_grad(const Tensor& self) override {
    const AutogradMeta* meta = get_meta(self);
    return meta != nullptr && meta->retained_grad_ != nullptr;
  }

  unsigned register_hook(const Tensor& self, detail::TensorHook hook) override {
    EMBER_CHECK(self.requires_grad(),
                "cannot register a hook on a tensor that doesn't require gradient");
    AutogradMeta& meta = ensure_meta(self);
    const std::shared_ptr<Node>& fn = current_grad_fn(self);
    if (fn) return fn->add_pre_hook(meta.output_nr_, std::move(hook));
    static std::atomic<unsigned> next_leaf_handle{1u << 31};
    const unsigned handle = next_leaf_handle.fetch_add(1);
    meta.leaf_hooks_.emplace_back(handle, std::move(hook));
    return handle;
  }

  void remove_hook(const Tensor& self, unsigned handle) override {
    AutogradMeta* meta = get_meta(self);
    if (meta == nullptr) return;
    if (std::erase_if(meta->leaf_hooks_, [&](const auto& h) { return h.first == handle; }) > 0) {
      return;
    }
    if (meta->grad_fn_) meta->grad_fn_->remove_pre_hook(handle);
  }

  bool is_view(const Tensor& self) override {
    const AutogradMeta* meta = get_meta(self);
    return meta != nullptr && meta->is_view_;
  }

  const Tensor& base(const Tensor& self) override { return get_meta(self)->base_; }

  void detach_(const Tensor& self) override {
    AutogradMeta* meta = get_meta(self);
    if (meta == nullptr) return;
    EMBER_CHECK(!meta->is_view_ || !meta->requires_grad(),
                "Can't detach views in-place. Use detach() instead.");
    meta->set_history(nullptr, 0);
    meta->set_requires_grad(false, self.unsafeGetTensorImpl());
    meta->is_view_ = false;
    meta->base_ = Tensor();
  }
};

}  // namespace

}  // namespace ember::autograd

namespace ember::detail {
AutogradHooks& register_autograd() {
  static autograd::Hooks hooks;
  return hooks;
}
}  // namespace ember::detail
