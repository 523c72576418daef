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
  virtual void set_requires_grad(bool requires_grad, TensorImpl* self) = 0;
  virtual bool requires_grad() const = 0;
  /// The accumulated gradient (undefined until a backward pass or assignment sets it).
  virtual Tensor& mutable_grad() = 0;
  virtual const Tensor& grad() const = 0;
};

namespace detail {
/// Creates the autograd layer's implementation (defined in autograd/).
EMBER_API std::unique_ptr<AutogradMetaInterface> make_autograd_meta();
}  // namespace detail

}  // namespace ember
