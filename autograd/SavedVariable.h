#pragma once

#include <memory>

#include "ember/autograd/Node.h"
#include "ember/core/Tensor.h"

namespace ember::autograd {

/// A tensor kept by a node for its backward formula. It remembers the tensor's version, so
/// that an in-place change made after the forward op is caught when backward needs the value.
/// An output of the node itself is kept without its history (the node would otherwise own
/// the tensor that owns the node) and gets it back when unpacked for a differentiable backward.
class SavedVariable {
 public:
  SavedVariable() = default;
  SavedVariable(const Tensor& t, bool is_output);

  /// The saved tensor; `owner` is the node that saved it (for outputs' history and errors).
  Tensor unpack(const std::shared_ptr<Node>& owner) const;
  /// Frees the tensor; unpacking afterwards is the "backward through the graph a second
  /// time" error.
  void release();
  bool defined() const { return was_defined_; }

 private:
  Tensor data_;
  uint32_t saved_version_ = 0;
  uint32_t output_nr_ = 0;
  bool was_defined_ = false;
  bool is_output_ = false;
  bool requires_grad_ = false;
  bool released_ = false;
};

}  // namespace ember::autograd
