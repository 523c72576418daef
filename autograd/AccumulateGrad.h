#pragma once

#include "ember/autograd/Node.h"

namespace ember::autograd {

/// The end of the graph at a leaf that requires grad: runs the leaf's hooks, adds the gradient
/// into its grad() (without history unless the pass creates a graph), then runs the leaf's
/// post-accumulate-grad hooks.
class AccumulateGrad final : public Node {
 public:
  explicit AccumulateGrad(Tensor variable);
  std::string name() const override { return "torch::autograd::AccumulateGrad"; }
  const Tensor& variable() const { return variable_; }

 protected:
  variable_list apply(variable_list&& grads) override;

 private:
  static void accumulate(Tensor& grad, Tensor new_grad);
  Tensor variable_;
};

}  // namespace ember::autograd
