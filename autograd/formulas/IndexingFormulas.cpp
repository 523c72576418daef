// Backward of the indexing ops that copy: the gradient of what was picked goes back to where
// it was picked from (summed where an index repeats), and what index_put_ overwrote gets
// none.

#include <vector>

#include "autograd/Formula.h"
#include "autograd/formulas/PaddedTo.h"
#include "core/ops/AdvancedIndexing.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

TensorOptions options_of(const Tensor& t) {
  return TensorOptions().dtype(t.dtype()).device(t.device());
}

// The index slots of index / index_put: int0 slots, extra(k) in slot positions[k].
std::vector<Tensor> index_slots(const FormulaContext& c) {
  const OpAttrs& a = c.attrs();
  std::vector<Tensor> slots(static_cast<size_t>(a.int0));
  for (size_t k = 0; k < a.positions.size(); ++k) {
    slots[static_cast<size_t>(a.positions[k])] = c.extra(k);
  }
  return slots;
}

}  // namespace

// `part` (of index's shape) in the top corner of zeros of `sizes` (scatter_add's source may be
// larger than its index in every dimension).
Tensor padded_to(const Tensor& part, IntArrayRef sizes) {
  if (part.sizes() == sizes) return part;
  Tensor result = zeros(sizes, options_of(part));
  Tensor window = result;
  for (int64_t d = 0; d < part.dim(); ++d) window = window.narrow(d, 0, part.sizes()[d]);
  window.copy_(part);
  return result;
}

void register_indexing_formulas(FormulaTable& t) {
  // index_select: int0 = dim, extra(0) = the index (a vector, int64 or int32). The gradient's
  // slices are added back at the indices.
  t.set(GradOp::index_select, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const InputMetadata& in = c.input_meta(0);
    if (in.sizes.empty()) return variable_list{g[0].reshape({})};
    const int64_t dim = c.attrs().int0;
    DimVector shape(in.sizes.size(), 1);
    shape[static_cast<size_t>(dim)] = g[0].sizes()[dim];
    const Tensor index = c.extra(0).to(kLong).reshape(shape).expand(g[0].sizes());
    return variable_list{zeros(in.sizes, options_of(g[0])).scatter_add(dim, index, g[0])};
  });
  // gather: int0 = dim, extra(0) = the index.
  t.set(GradOp::gather, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const Tensor result = zeros(c.input_meta(0).sizes, options_of(g[0]));
    return variable_list{result.scatter_add(c.attrs().int0, c.extra(0), g[0])};
  });
  // scatter_add(self, dim = int0, index = extra(0), src): self passes the gradient through,
  // src gets it gathered at the index.
  t.set(GradOp::scatter_add, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    Tensor src_grad;
    if (c.needs_input_grad(1)) {
      src_grad = padded_to(g[0].gather(c.attrs().int0, c.extra(0)), c.input_meta(1).sizes);
    }
    return variable_list{c.needs_input_grad(0) ? g[0] : Tensor(), src_grad};
  });
  // index: the index slots (see index_slots); the gradient added back at the indices.
  t.set(GradOp::index, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    Tensor result = zeros(c.input_meta(0).sizes, options_of(g[0]));
    detail::index_put_(result, index_slots(c), g[0], /*accumulate=*/true);
    return variable_list{result};
  });
  // index_put(self, value): the index slots, flag0 = accumulate. Overwritten elements of self
  // get no gradient (unless accumulated into); value gets the gradient at the indices.
  t.set(GradOp::index_put, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const std::vector<Tensor> slots = index_slots(c);
    Tensor self_grad, value_grad;
    if (c.needs_input_grad(0)) {
      self_grad = g[0];
      if (!c.attrs().flag0) {
        self_grad = g[0].clone();
        detail::index_put_(self_grad, slots, zeros(IntArrayRef{}, options_of(g[0])));
      }
    }
    if (c.needs_input_grad(1)) value_grad = detail::index(g[0], slots);
    return variable_list{self_grad, value_grad};
  });
}

}  // namespace ember::autograd
