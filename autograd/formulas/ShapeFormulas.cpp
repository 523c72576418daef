// Backward of the shape ops: reordering (flip, roll, repeat), triangles and diagonals,
// writes along a dim (index_add / index_copy / index_fill / scatter / scatter_reduce), masks
// (masked_select, masked_scatter) and padding. Each follows PyTorch's derivatives.yaml.

#include "autograd/Formula.h"
#include "autograd/formulas/PaddedTo.h"
#include "core/ops/ShapeOps.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

TensorOptions options_of(const Tensor& t) {
  return TensorOptions().dtype(t.dtype()).device(t.device());
}

variable_list one(Tensor t) { return variable_list{std::move(t)}; }

// The gradient of reflection / replication padding: each output position's gradient added
// back at the input position it read. ints = the padding.
template <int kMode>
variable_list index_pad_backward(const FormulaContext& c, const variable_list& g) {
  const DimVector& pad = c.attrs().ints;
  const DimVector& in = c.input_meta(0).sizes;
  Tensor grad = g[0];
  for (size_t i = 0; i < pad.size() / 2; ++i) {
    const int64_t d = static_cast<int64_t>(in.size()) - 1 - static_cast<int64_t>(i);
    DimVector shape(grad.sizes());
    shape[static_cast<size_t>(d)] = in[static_cast<size_t>(d)];
    const Tensor index = native::pad_source_index(in[static_cast<size_t>(d)], pad[2 * i],
                                                  pad[2 * i + 1], kMode, grad.device());
    grad = zeros(shape, options_of(grad)).index_add(d, index, grad);
  }
  return one(grad);
}

// The part of src that an index of `index`'s shape reads (src may be larger in every dim).
Tensor index_window(const Tensor& src, const Tensor& index) {
  Tensor window = src;
  for (int64_t d = 0; d < index.dim(); ++d) window = window.narrow(d, 0, index.size(d));
  return window;
}

// PyTorch's scatter_reduce_backward. prod divides out each factor (a zero factor, the one
// zero reaching its position, gets the product of the others); amax / amin share the gradient
// evenly between the self and src elements equal to the result.
variable_list scatter_reduce_backward(const FormulaContext& c, const variable_list& g) {
  const OpAttrs& a = c.attrs();
  const int64_t dim = a.int0, reduction = a.ints[0];
  const bool include_self = a.flag0;
  const Tensor index = c.extra(0);
  const Tensor grad = g[0];
  Tensor self_grad, src_grad;
  if (reduction == 0 || reduction == 1) {
    Tensor scaled = grad;
    if (reduction == 1) {
      const TensorOptions options = options_of(grad);
      Tensor count = include_self ? ones(c.input_meta(0).sizes, options)
                                  : zeros(c.input_meta(0).sizes, options);
      count = count.scatter_add(dim, index, ones(index.sizes(), options));
      scaled = grad / count.masked_fill(count == 0, 1);
    }
    self_grad = scaled;
    src_grad = scaled.gather(dim, index);
  } else {
    const Tensor self = c.input(0), result = c.output(0);
    const Tensor src = index_window(c.input(1), index);
    if (reduction == 2) {
      if (c.needs_input_grad(0)) {
        const Tensor masked_self = self.masked_fill(self == 0, 1);
        const Tensor masked_self_result =
            masked_self.scatter_reduce(dim, index, src, "prod", include_self);
        self_grad = grad * masked_self_result / masked_self;
      }
      if (c.needs_input_grad(1)) {
        const Tensor src_zero = src == 0;
        const Tensor src_num_zeros =
            zeros_like(self).scatter_add(dim, index, src_zero.to(self.dtype())).gather(dim, index);
        const Tensor src_single_zero = bitwise_and(src_zero, src_num_zeros == 1);
        // A lone zero's gradient is the product of the others: dividing the result by it
        // would give zero.
        const Tensor masked_src = src.masked_fill(src_single_zero, 1);
        const Tensor masked_src_result =
            self.scatter_reduce(dim, index, masked_src, "prod", include_self);
        src_grad = where(src_single_zero, (grad * masked_src_result).gather(dim, index),
                         (grad * result).gather(dim, index) / src.masked_fill(src_zero, 1));
      }
    } else {
      const Tensor value = result.gather(dim, index);
      const Tensor self_is_result = (self == result).to(self.dtype());
      const Tensor src_is_result = (src == value).to(self.dtype());
      const Tensor count = self_is_result.scatter_add(dim, index, src_is_result);
      const Tensor distributed = grad / count;
      self_grad = self_is_result * distributed;
      src_grad = src_is_result * distributed.gather(dim, index);
    }
  }
  if (!c.needs_input_grad(0)) {
    self_grad = Tensor();
  } else if (!include_self) {
    self_grad = self_grad.scatter(dim, index, 0);
  }
  if (c.needs_input_grad(1)) {
    src_grad = padded_to(src_grad, c.input_meta(1).sizes);
  } else {
    src_grad = Tensor();
  }
  return variable_list{self_grad, src_grad};
}

// The slices (elements) of `grad` that an along-dim write replaced get no gradient.
Tensor without_written(const Tensor& grad, int64_t dim, const Tensor& index) {
  return grad.index_fill(dim, index, 0);
}

}  // namespace

void register_shape_formulas(FormulaTable& t) {
  // flip: ints = the dims.
  t.set(GradOp::flip, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return one(g[0].flip(c.attrs().ints));
  });
  // roll: ints = the shifts, ints2 = the dims; rolled back.
  t.set(GradOp::roll, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    DimVector back;
    for (int64_t s : c.attrs().ints) back.push_back(-s);
    return one(g[0].roll(back, c.attrs().ints2));
  });
  // repeat: ints = the repeats. The gradient seen as pairs (repeat, size) summed over the
  // repeats.
  t.set(GradOp::repeat, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const DimVector& repeats = c.attrs().ints;
    const DimVector& in = c.input_meta(0).sizes;
    if (repeats.empty()) return one(g[0]);
    const size_t lead = repeats.size() - in.size();
    DimVector pairs, summed;
    for (size_t i = 0; i < repeats.size(); ++i) {
      summed.push_back(static_cast<int64_t>(pairs.size()));
      pairs.push_back(repeats[i]);
      pairs.push_back(i < lead ? 1 : in[i - lead]);
    }
    return one(g[0].reshape(pairs).sum(summed).reshape(in));
  });
  // tril, triu: int0 = the diagonal.
  t.set(GradOp::tril, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return one(g[0].tril(c.attrs().int0));
  });
  t.set(GradOp::triu, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return one(g[0].triu(c.attrs().int0));
  });
  // diagonal: int0 = offset, int1, int2 = the dims; the gradient laid on zeros' diagonal.
  t.set(GradOp::diagonal, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    Tensor result = zeros(c.input_meta(0).sizes, options_of(g[0]));
    result.diagonal(a.int0, a.int1, a.int2).copy_(g[0]);
    return one(result);
  });
  // diag_embed: int0 = offset, int1, int2 = the dims of the output.
  t.set(GradOp::diag_embed, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    return one(g[0].diagonal(a.int0, a.int1, a.int2));
  });
  // trace: the gradient on the main diagonal.
  t.set(GradOp::trace, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    Tensor result = zeros(c.input_meta(0).sizes, options_of(g[0]));
    result.diagonal().copy_(g[0]);
    return one(result);
  });
  // index_add(self, source): int0 = dim, extra(0) = index, scalar0 = alpha.
  t.set(GradOp::index_add, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const OpAttrs& a = c.attrs();
    Tensor source_grad;
    if (c.needs_input_grad(1)) {
      source_grad = g[0].index_select(a.int0, c.extra(0).reshape({-1}));
      if (!(a.scalar0.isIntegral(false) && a.scalar0.to<int64_t>() == 1)) {
        source_grad = source_grad * a.scalar0;
      }
      source_grad = source_grad.reshape(c.input_meta(1).sizes);
    }
    return variable_list{c.needs_input_grad(0) ? g[0] : Tensor(), source_grad};
  });
  // index_copy(self, source): int0 = dim, extra(0) = index.
  t.set(GradOp::index_copy, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const int64_t dim = c.attrs().int0;
    const Tensor index = c.extra(0).reshape({-1});
    Tensor self_grad, source_grad;
    if (c.needs_input_grad(0)) self_grad = without_written(g[0], dim, index);
    if (c.needs_input_grad(1)) {
      source_grad = g[0].index_select(dim, index).reshape(c.input_meta(1).sizes);
    }
    return variable_list{self_grad, source_grad};
  });
  // index_fill(self): int0 = dim, extra(0) = index.
  t.set(GradOp::index_fill, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return one(without_written(g[0], c.attrs().int0, c.extra(0)));
  });
  // index_fill(self, value): the value gets the sum of the gradient where it was written
  // (each position once, whatever the index repeats).
  t.set(GradOp::index_fill_tensor, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor rest = without_written(g[0], c.attrs().int0, c.extra(0));
          return variable_list{c.needs_input_grad(0) ? rest : Tensor(),
                               c.needs_input_grad(1) ? (g[0] - rest).sum() : Tensor()};
        });
  // scatter(self, src): int0 = dim, extra(0) = index.
  t.set(GradOp::scatter, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const int64_t dim = c.attrs().int0;
    Tensor self_grad, src_grad;
    if (c.needs_input_grad(0)) self_grad = g[0].scatter(dim, c.extra(0), 0);
    if (c.needs_input_grad(1)) {
      src_grad = padded_to(g[0].gather(dim, c.extra(0)), c.input_meta(1).sizes);
    }
    return variable_list{self_grad, src_grad};
  });
  t.set(GradOp::scatter_value, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          return one(g[0].scatter(c.attrs().int0, c.extra(0), 0));
        });
  // scatter_reduce(self, src): int0 = dim, extra(0) = index, ints[0] = 0 sum / 1 mean /
  // 2 prod / 3 amax / 4 amin, flag0 = include_self; as PyTorch's scatter_reduce_backward.
  t.set(GradOp::scatter_reduce, Saves::kInputsAndOutputs, scatter_reduce_backward);
  // "sum" and "mean" (same attributes) need only the index: nothing saved, so that an in-place
  // scatter_reduce_ does not copy self for them.
  t.set(GradOp::scatter_reduce_linear, Saves::kNothing, scatter_reduce_backward);
  // masked_select: extra(0) = the mask; the gradient goes back where the mask is true (the
  // engine sums it over dims the mask broadcast).
  t.set(GradOp::masked_select, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor mask = c.extra(0);
          const std::vector<Tensor> shapes =
              broadcast_tensors({zeros(c.input_meta(0).sizes, options_of(g[0])), mask});
          return one(shapes[0].masked_scatter(shapes[1], g[0]));
        });
  // masked_scatter(self, source): extra(0) = the mask; source gets the gradient where the
  // mask took its elements, zero for those it did not use.
  t.set(GradOp::masked_scatter, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor mask = c.extra(0);
          Tensor self_grad, source_grad;
          if (c.needs_input_grad(0)) self_grad = g[0].masked_fill(mask, 0);
          if (c.needs_input_grad(1)) {
            const DimVector& sizes = c.input_meta(1).sizes;
            int64_t numel = 1;
            for (int64_t s : sizes) numel *= s;
            const Tensor taken = g[0].masked_select(mask);
            source_grad =
                cat({taken, zeros({numel - taken.numel()}, options_of(g[0]))}).reshape(sizes);
          }
          return variable_list{self_grad, source_grad};
        });
  // constant_pad_nd: ints = the padding; the gradient cropped back.
  t.set(GradOp::constant_pad_nd, Saves::kNothing,
        [](const FormulaContext& c, const variable_list& g) {
          DimVector crop;
          for (int64_t p : c.attrs().ints) crop.push_back(-p);
          return one(constant_pad_nd(g[0], crop));
        });
  t.set(GradOp::reflect1d, Saves::kNothing, index_pad_backward<0>);
  t.set(GradOp::reflect2d, Saves::kNothing, index_pad_backward<0>);
  t.set(GradOp::reflect3d, Saves::kNothing, index_pad_backward<0>);
  t.set(GradOp::replicate1d, Saves::kNothing, index_pad_backward<1>);
  t.set(GradOp::replicate2d, Saves::kNothing, index_pad_backward<1>);
  t.set(GradOp::replicate3d, Saves::kNothing, index_pad_backward<1>);
}

}  // namespace ember::autograd
