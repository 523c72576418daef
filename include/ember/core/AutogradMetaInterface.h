#pragma once

#include <memory>

#include "ember/core/Export.h"

namespace ember {

class Tensor;
class TensorImpl;

/// The autograd layer's per-tensor state, seen by core only through this interface (core
/// knows nothing of graphs). A TensorImpl has one only once autograd touches it.
class EMBER_API AutogradMetaInterface {
 public:
  virtual ~AutogradMetaInterface() = default;
  /// Whether gradients flow to this tensor: a leaf that asked for them, or a tensor with a
  /// grad_fn. A plain field, so that every op's "must I record?" check is one load.
  bool requires_grad() const { return requires_grad_; }
  virtual void set_requires_grad(bool requires_grad, TensorImpl* self) = 0;
  /// The accumulated gradient (undefined until a backward pass or assignment sets it).
  virtual Tensor& mutable_grad() = 0;
  virtual const Tensor& grad() const = 0;

 protected:
  bool requires_grad_ = false;
};

}  // namespace ember
