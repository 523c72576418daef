#include "autograd/OpNode.h"

#include "autograd/AutogradMeta.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {
bool saves_inputs(Saves s) { return (static_cast<uint8_t>(s) & 1) != 0; }
bool saves_outputs(Saves s) { return (static_cast<uint8_t>(s) & 2) != 0; }
}  // namespace

OpNode::OpNode(GradOp op, const FormulaEntry& entry, OpAttrs&& attrs)
    : op_(op), entry_(&entry), attrs_(std::move(attrs)) {
  for (const Tensor& t : attrs_.tensors) saved_extras_.emplace_back(t, false);
  attrs_.tensors.clear();  // kept (and freed) through saved_extras_
}

void OpNode::add_forward_input(const Tensor& t, const Tensor* saved) {
  add_next_edge(t.defined() ? gradient_edge(t) : Edge());
  forward_inputs_.push_back(t.defined() ? InputMetadata{DimVector(t.sizes()), t.dtype(), t.device()}
                                        : InputMetadata{});
  if (saves_inputs(entry_->saves)) saved_inputs_.emplace_back(saved ? *saved : t, false);
}

void OpNode::reserve(size_t num_inputs, size_t num_outputs) {
  Node::reserve(num_inputs, num_outputs);
  forward_inputs_.reserve(num_inputs);
  if (saves_inputs(entry_->saves)) saved_inputs_.reserve(num_inputs);
  if (saves_outputs(entry_->saves)) saved_outputs_.reserve(num_outputs);
}

void OpNode::save_outputs(ArrayRef<Tensor> outputs) {
  if (!saves_outputs(entry_->saves)) return;
  for (const Tensor& t : outputs) saved_outputs_.emplace_back(t, true);
}

void OpNode::release_variables() {
  for (SavedVariable& v : saved_inputs_) v.release();
  for (SavedVariable& v : saved_outputs_) v.release();
  for (SavedVariable& v : saved_extras_) v.release();
}

Tensor OpNode::input(size_t i) const {
  EMBER_CHECK(i < saved_inputs_.size(), "{}: input {} was not saved for backward", name(), i);
  return saved_inputs_[i].unpack(std::const_pointer_cast<Node>(shared_from_this()));
}

Tensor OpNode::output(size_t i) const {
  EMBER_CHECK(i < saved_outputs_.size(), "{}: output {} was not saved for backward", name(), i);
  return saved_outputs_[i].unpack(std::const_pointer_cast<Node>(shared_from_this()));
}

Tensor OpNode::extra(size_t i) const {
  EMBER_CHECK(i < saved_extras_.size(), "{}: argument {} was not saved for backward", name(), i);
  return saved_extras_[i].unpack(nullptr);
}

variable_list OpNode::apply(variable_list&& grads) {
  // Ops with several outputs get zeros for those no gradient reached.
  for (size_t j = 0; j < grads.size(); ++j) {
    if (!grads[j].defined() && is_floating_type(input_metadata(j).dtype)) {
      const InputMetadata& m = input_metadata(j);
      grads[j] = zeros(m.sizes, TensorOptions().dtype(m.dtype).device(m.device));
    }
  }
  variable_list out = entry_->backward(*this, grads);
  EMBER_CHECK(out.size() == num_outputs(),
              "{} returned {} gradients, but its forward op has {} inputs", name(), out.size(),
              num_outputs());
  return out;
}

}  // namespace ember::autograd
