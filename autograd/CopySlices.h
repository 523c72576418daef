#pragma once

#include "autograd/OpNode.h"

namespace ember::autograd {

/// The history of a base after one of its views changed in place (PyTorch's CopySlices): the
/// base's gradient passes unchanged outside the view's window, and through the in-place op's
/// formula inside it.
class CopySlices final : public Node {
 public:
  /// `base` is the base before the change (its old edge), `view` the changed view, `op` the
  /// in-place op's node (whose first edge, the view's old history, is replaced by the base's).
  CopySlices(const Tensor& base, const Tensor& view, std::shared_ptr<OpNode> op);
  std::string name() const override { return "CopySlices"; }
  void release_variables() override { op_->release_variables(); }

 protected:
  variable_list apply(variable_list&& grads) override;

 private:
  DimVector base_sizes_, base_strides_, view_sizes_, view_strides_;
  int64_t base_offset_, view_offset_;
  std::shared_ptr<OpNode> op_;
};

}  // namespace ember::autograd
