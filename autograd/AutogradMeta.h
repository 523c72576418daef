#pragma once

#include "ember/core/AutogradMetaInterface.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

/// Per-tensor autograd state: whether gradients are wanted and the accumulated gradient.
class AutogradMeta final : public AutogradMetaInterface {
 public:
  void set_requires_grad(bool requires_grad, TensorImpl* self) override;
  bool requires_grad() const override { return requires_grad_; }
  Tensor& mutable_grad() override { return grad_; }
  const Tensor& grad() const override { return grad_; }

 private:
  bool requires_grad_ = false;
  Tensor grad_;
};

}  // namespace ember::autograd
