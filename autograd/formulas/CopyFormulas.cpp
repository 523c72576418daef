// Backward of the copies and fills: a copy passes the gradient through (in the input's dtype
// and device); what a fill or copy_ overwrote gets a zero gradient.

#include "autograd/Formula.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

Tensor zeros_for(const FormulaContext& c, size_t i, const Tensor& grad) {
  return c.needs_input_grad(i) ? zeros_like(grad) : Tensor();
}

variable_list overwritten(const FormulaContext& c, const variable_list& g) {
  return variable_list{zeros_for(c, 0, g[0])};
}

}  // namespace

void register_copy_formulas(FormulaTable& t) {
  // to_copy: no attributes; back to the input's dtype and device.
  t.set(GradOp::to_copy, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const InputMetadata& in = c.input_meta(0);
    return variable_list{g[0].to(in.device, in.dtype)};
  });
  t.set(GradOp::clone, Saves::kNothing,
        [](const FormulaContext&, const variable_list& g) { return variable_list{g[0]}; });
  // copy_(self, src): self's old values are overwritten; src's gradient is the gradient
  // (the engine sums it to src's shape and converts it to src's dtype and device).
  t.set(GradOp::copy, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{zeros_for(c, 0, g[0]), c.needs_input_grad(1) ? g[0] : Tensor()};
  });
  // fill_(self, value): a number (fill) or a 0-d tensor (fill_tensor, which every element
  // took: its gradient is the sum).
  t.set(GradOp::fill, Saves::kNothing, overwritten);
  t.set(GradOp::fill_tensor, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{zeros_for(c, 0, g[0]), c.needs_input_grad(1) ? g[0].sum() : Tensor()};
  });
  t.set(GradOp::zero, Saves::kNothing, overwritten);
  t.set(GradOp::uniform, Saves::kNothing, overwritten);
  t.set(GradOp::normal, Saves::kNothing, overwritten);
  t.set(GradOp::random, Saves::kNothing, overwritten);
}

}  // namespace ember::autograd
