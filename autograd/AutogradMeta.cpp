#include "autograd/AutogradMeta.h"

#include "autograd/AccumulateGrad.h"
#include "autograd/OpNode.h"
#include "ember/core/Check.h"

namespace ember::autograd {

AutogradMeta::~AutogradMeta() { release_node(std::move(grad_fn_)); }

void AutogradMeta::set_requires_grad(bool requires_grad, TensorImpl* /*self*/) {
  EMBER_CHECK(grad_fn_ == nullptr, "you can only change requires_grad flags of leaf variables.{}",
              requires_grad ? ""
                            : " If you want to use a computed variable in a subgraph that "
                              "doesn't require differentiation use var_no_grad = var.detach().");
  leaf_requires_grad_ = requires_grad;
  requires_grad_ = requires_grad;
}

Tensor& AutogradMeta::mutable_grad() { return retained_grad_ ? *retained_grad_ : grad_; }
const Tensor& AutogradMeta::grad() const { return retained_grad_ ? *retained_grad_ : grad_; }

void AutogradMeta::set_history(std::shared_ptr<Node> fn, uint32_t output_nr) {
  grad_fn_ = std::move(fn);
  output_nr_ = output_nr;
  requires_grad_ = grad_fn_ != nullptr || leaf_requires_grad_;
}

std::shared_ptr<Node> grad_accumulator(const Tensor& t) {
  AutogradMeta& meta = ensure_meta(t);
  std::shared_ptr<Node> acc = meta.grad_accumulator_.lock();
  if (!acc) {
    // The accumulator holds the leaf; the leaf holds it weakly (the graph owns it).
    Tensor leaf(t.getIntrusivePtr());
    acc = std::make_shared<AccumulateGrad>(std::move(leaf));
    meta.grad_accumulator_ = acc;
  }
  return acc;
}

const std::shared_ptr<Node>& current_grad_fn(const Tensor& t) {
  AutogradMeta* meta = get_meta(t);
  static const std::shared_ptr<Node> none;
  if (meta == nullptr) return none;
  if (meta->is_view_ && meta->attr_version_ != t._version() && meta->base_.requires_grad() &&
      GradMode::is_enabled()) {
    // The base changed in place after this view was made: the view's gradient now flows
    // through the base's new history, as a strided window of it.
    const Tensor& base = meta->base_;
    OpAttrs attrs;
    attrs.ints.assign(t.sizes().begin(), t.sizes().end());
    attrs.ints2.assign(t.strides().begin(), t.strides().end());
    attrs.int0 = t.storage_offset();
    attrs.positions.assign(base.strides().begin(), base.strides().end());
    attrs.int1 = base.storage_offset();
    auto node = std::make_shared<OpNode>(GradOp::as_strided, formula_for(GradOp::as_strided),
                                         std::move(attrs));
    node->add_forward_input(base);
    meta->set_history(node, node->add_input_metadata(t));
    meta->attr_version_ = t._version();
  }
  return meta->grad_fn_;
}

Edge gradient_edge(const Tensor& t) {
  AutogradMeta* meta = get_meta(t);
  if (meta == nullptr) return Edge();
  const std::shared_ptr<Node>& fn = current_grad_fn(t);
  if (fn) return Edge(fn, meta->output_nr_);
  if (meta->leaf_requires_grad()) return Edge(grad_accumulator(t), 0);
  return Edge();
}

}  // namespace ember::autograd
