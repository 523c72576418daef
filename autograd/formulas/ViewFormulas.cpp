// Backward of the view ops, of those returning several views (unbind, split), and of their
// inverses, cat and stack: the gradient of a view is laid back into its input's shape.

#include <algorithm>

#include "autograd/Engine.h"
#include "autograd/Formula.h"
#include "autograd/StorageExtent.h"
#include "ember/core/Check.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {
TensorOptions options_of(const Tensor& t) {
  return TensorOptions().dtype(t.dtype()).device(t.device());
}

// The gradient of the input's shape, zero except for the view's window, which `place` picks.
template <class Place>
Tensor into_zeros(const FormulaContext& c, const Tensor& grad, Place&& place) {
  Tensor result = zeros(c.input_meta(0).sizes, options_of(grad));
  place(result).copy_(grad);
  return result;
}

variable_list reshaped_back(const FormulaContext& c, const variable_list& g) {
  return variable_list{g[0].reshape(c.input_meta(0).sizes)};
}
}  // namespace

void register_view_formulas(FormulaTable& t) {
  // as_strided: output geometry ints (sizes), ints2 (strides), int0 (offset); the input's
  // strides in positions and its offset in int1.
  t.set(GradOp::as_strided, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    const InputMetadata& in = c.input_meta(0);
    const IntArrayRef in_strides(a.positions.data(), a.positions.size());
    for (size_t d = 0; d < a.ints.size(); ++d) {
      EMBER_CHECK(!(a.ints2[d] == 0 && a.ints[d] > 1),
                  "as_strided backward: views whose elements overlap are not supported");
    }
    const int64_t extent = std::max(storage_extent(in.sizes, in_strides, a.int1),
                                    storage_extent(a.ints, a.ints2, a.int0));
    Tensor buffer = zeros({extent}, TensorOptions().dtype(g[0].dtype()).device(g[0].device()));
    buffer.as_strided(a.ints, a.ints2, a.int0).copy_(g[0]);
    return variable_list{buffer.as_strided(in.sizes, in_strides, a.int1)};
  });

  // view, reshape's copy (unsafe_view), squeeze, unsqueeze: no attributes.
  t.set(GradOp::view, Saves::kNothing, reshaped_back);
  t.set(GradOp::unsafe_view, Saves::kNothing, reshaped_back);
  t.set(GradOp::squeeze, Saves::kNothing, reshaped_back);
  t.set(GradOp::squeeze_dim, Saves::kNothing, reshaped_back);
  t.set(GradOp::unsqueeze, Saves::kNothing, reshaped_back);
  t.set(GradOp::alias, Saves::kNothing,
        [](const FormulaContext&, const variable_list& g) { return variable_list{g[0]}; });
  t.set(GradOp::t, Saves::kNothing,
        [](const FormulaContext&, const variable_list& g) { return variable_list{g[0].t()}; });
  // transpose: int0, int1 = the dims.
  t.set(GradOp::transpose, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0].transpose(c.attrs().int0, c.attrs().int1)};
  });
  // permute: ints = the permutation; the gradient goes through its inverse.
  t.set(GradOp::permute, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const DimVector& dims = c.attrs().ints;
    DimVector inverse(dims.size(), 0);
    for (size_t i = 0; i < dims.size(); ++i) inverse[static_cast<size_t>(dims[i])] = int64_t(i);
    return variable_list{g[0].permute(inverse)};
  });
  // expand: the expanded dims summed back.
  t.set(GradOp::expand, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{sum_to(g[0], c.input_meta(0).sizes)};
  });
  // slice: int0 = dim, int1 = start, int2 = end, scalar0 = step.
  t.set(GradOp::slice, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    return variable_list{into_zeros(c, g[0], [&](const Tensor& r) {
      return r.slice(a.int0, a.int1, a.int2, a.scalar0.to<int64_t>());
    })};
  });
  // select: int0 = dim, int1 = index.
  t.set(GradOp::select, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    return variable_list{
        into_zeros(c, g[0], [&](const Tensor& r) { return r.select(a.int0, a.int1); })};
  });
  // unbind: int0 = dim; the pieces' gradients (zeros where none arrived) stacked back.
  t.set(GradOp::unbind, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{stack(g, c.attrs().int0)};
  });
  // split, split_with_sizes (and chunk): int0 = dim; the pieces' gradients joined back.
  t.set(GradOp::split, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{cat(g, c.attrs().int0)};
  });
  t.set(GradOp::split_with_sizes, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          return variable_list{cat(g, c.attrs().int0)};
        });
  // cat: int0 = dim; each input gets its slice of the gradient (the 1-d empty inputs cat
  // skips get an empty one).
  t.set(GradOp::cat, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const int64_t dim = c.attrs().int0;
    variable_list out(c.num_inputs());
    int64_t offset = 0;
    for (size_t i = 0; i < c.num_inputs(); ++i) {
      const DimVector& sizes = c.input_meta(i).sizes;
      if (sizes.size() == 1 && sizes[0] == 0) {
        if (c.needs_input_grad(i)) out[i] = zeros({0}, options_of(g[0]));
        continue;
      }
      if (c.needs_input_grad(i)) out[i] = g[0].narrow(dim, offset, sizes[dim]);
      offset += sizes[dim];
    }
    return out;
  });
  // stack: int0 = the new dim; each input gets its index of it.
  t.set(GradOp::stack, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    variable_list out(c.num_inputs());
    for (size_t i = 0; i < c.num_inputs(); ++i) {
      if (c.needs_input_grad(i)) out[i] = g[0].select(c.attrs().int0, static_cast<int64_t>(i));
    }
    return out;
  });
}

}  // namespace ember::autograd
