#pragma once

#include "autograd/Formula.h"
#include "autograd/SavedVariable.h"

namespace ember::autograd {

/// The node of a recorded op: its formula from the table, the tensors the formula needs, the
/// op's non-tensor arguments, and the metadata of its inputs.
class OpNode final : public Node, private FormulaContext {
 public:
  OpNode(GradOp op, const FormulaEntry& entry, OpAttrs&& attrs);
  std::string name() const override { return std::string(detail::grad_op_node_name(op_)); }
  GradOp op() const { return op_; }
  const FormulaEntry& entry() const { return *entry_; }

  /// Input `t` of the forward op: its edge, its metadata, and the tensor when the formula
  /// needs it (`saved` overrides what is kept: the original of an in-place op's self).
  void add_forward_input(const Tensor& t, const Tensor* saved = nullptr);
  /// Room for the forward op's inputs and outputs.
  void reserve(size_t num_inputs, size_t num_outputs);
  /// Called once the outputs have this node as history.
  void save_outputs(ArrayRef<Tensor> outputs);
  void release_variables() override;

 protected:
  variable_list apply(variable_list&& grads) override;

 private:
  Tensor input(size_t i) const override;
  Tensor output(size_t i) const override;
  Tensor extra(size_t i) const override;
  const InputMetadata& input_meta(size_t i) const override { return forward_inputs_.at(i); }
  size_t num_inputs() const override { return forward_inputs_.size(); }
  const OpAttrs& attrs() const override { return attrs_; }
  bool needs_input_grad(size_t i) const override { return should_compute_output(i); }

  GradOp op_;
  const FormulaEntry* entry_;
  OpAttrs attrs_;
  InlineVector<InputMetadata, 2> forward_inputs_;
  InlineVector<SavedVariable, 2> saved_inputs_;
  InlineVector<SavedVariable, 1> saved_outputs_;
  InlineVector<SavedVariable, 1> saved_extras_;
};

}  // namespace ember::autograd
