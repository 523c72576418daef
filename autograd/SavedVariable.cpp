#include "autograd/SavedVariable.h"

#include "autograd/AutogradMeta.h"
#include "core/TensorFactory.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"

namespace ember::autograd {

SavedVariable::SavedVariable(const Tensor& t, bool is_output) {
  if (!t.defined()) return;
  was_defined_ = true;
  is_output_ = is_output;
  saved_version_ = t._version();
  requires_grad_ = t.requires_grad();
  if (is_output) {
    // An alias without autograd state, sharing the version counter.
    output_nr_ = static_cast<uint32_t>(t.output_nr());
    data_ = detail::make_view(t, t.sizes(), t.strides(), t.storage_offset());
  } else {
    data_ = t;
  }
}

void SavedVariable::release() {
  if (!was_defined_) return;
  data_ = Tensor();
  released_ = true;
}

Tensor SavedVariable::unpack(const std::shared_ptr<Node>& owner) const {
  if (!was_defined_) return Tensor();
  EMBER_CHECK(!released_,
              "Trying to backward through the graph a second time (or directly access saved "
              "tensors after they have already been freed). Saved intermediate values of the "
              "graph are freed when you call .backward() or autograd.grad(). Specify "
              "retain_graph=True if you need to backward through the graph a second time or if "
              "you need to access saved tensors after calling backward.");
  const uint32_t current = data_._version();
  if (current != saved_version_) {
    std::string where;
    if (is_output_ && owner) {
      where = fmt::format(", which is output {} of {},", output_nr_, owner->name());
    } else if (const auto& fn = data_.grad_fn()) {
      where = fmt::format(", which is output {} of {},", data_.output_nr(), fn->name());
    }
    EMBER_FAIL(
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation: [{} {}]{} is at version {}; expected version {} instead. Hint: the "
        "operation that failed to compute its gradient used a tensor that was changed in "
        "place after it was saved; clone() it before the in-place change.",
        data_.toString(), data_.sizes(), where, current, saved_version_);
  }
  if (!is_output_ || !requires_grad_ || !GradMode::is_enabled() || !owner) return data_;
  // A differentiable backward (create_graph) needs the output with its history.
  Tensor out = detail::make_view(data_, data_.sizes(), data_.strides(), data_.storage_offset());
  ensure_meta(out).set_history(owner, output_nr_);
  return out;
}

}  // namespace ember::autograd
