// Backward of the reductions: sum, mean, prod, max / min (whole tensor and along a dim), var,
// std, norm, logsumexp and cumsum, after PyTorch's derivatives.yaml and FunctionsManual.cpp.
//
// Attributes (recorded by core/api/Reductions.cpp):
//   sum_dim, mean_dim, logsumexp: ints = reduced dims (ascending), flag0 = keepdim.
//   prod_dim, max_dim, min_dim:   int0 = dim (wrapped), flag0 = keepdim.
//   var, std:                     ints = reduced dims, flag0 = unbiased, flag1 = keepdim.
//   norm:                         scalar0 = p, ints = reduced dims, flag0 = keepdim.
//   cumsum:                       int0 = dim (wrapped).
//   sum, mean, prod, max_all, min_all: none.

#include <cmath>

#include "autograd/Formula.h"
#include "autograd/formulas/SelectionBackward.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

// A reduction's gradient (or result) back at the input's rank: the reduced dims, ascending,
// reinserted as size 1 unless the reduction kept them.
Tensor unsqueeze_reduced(Tensor g, IntArrayRef dims, bool keepdim) {
  if (keepdim) return g;
  for (int64_t d : dims) g = g.unsqueeze(d);
  return g;
}

int64_t reduced_numel(IntArrayRef sizes, IntArrayRef dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= sizes[static_cast<size_t>(d)];
  return n;
}

Tensor sum_backward(const Tensor& g, IntArrayRef sizes, IntArrayRef dims, bool keepdim) {
  return unsqueeze_reduced(g, dims, keepdim).expand(sizes);
}

// d prod(x, dim) / dx: the product of the other elements of each slice, `g` and `result` with
// the dim kept. Without zeros that is result / x; with zeros, the product of the other non-zero
// elements times that of the other zero ones, which is 1 with none, the one zero element's value
// with one (kept as that element, so that its derivative is the product of the rest) and 0
// with more. O(n) like PyTorch's cumprods, and exact up to second derivatives.
Tensor prod_dim_backward(const Tensor& g, const Tensor& x, const Tensor& result, int64_t dim) {
  if (x.numel() == 0) return g.expand(x.sizes());
  const Tensor is_zero = x.eq(0);
  if (!is_zero.any().item<bool>()) return g * (result / x);
  const Tensor zero = is_zero.to(x.dtype());
  const Tensor nonzero = x * (1 - zero) + zero;  // zeros replaced by a constant 1
  const Tensor nonzero_others = nonzero.prod(dim, true) / nonzero;
  const Tensor zeros_elsewhere = zero.sum(IntArrayRef(dim), true) - zero;
  const Tensor zero_values = x * zero;
  const Tensor zero_others =
      zeros_elsewhere.eq(0).to(x.dtype()) +
      zeros_elsewhere.eq(1).to(x.dtype()) * (zero_values.sum(IntArrayRef(dim), true) - zero_values);
  return g * nonzero_others * zero_others;
}

}  // namespace

// Gradient split evenly among the elements equal to the extremum (NaN ones when it is NaN).
Tensor evenly_distribute_backward(const Tensor& g, const Tensor& input, const Tensor& value) {
  const Tensor mask = value.isnan().item<bool>() ? input.isnan() : input.eq(value);
  return mask * (g / mask.sum());
}

// The gradient of max / min along `dim` goes to the element each index names.
Tensor value_selecting_backward(Tensor g, int64_t dim, Tensor indices, IntArrayRef sizes,
                                bool keepdim) {
  if (sizes.empty()) return g;
  if (!keepdim) {
    g = g.unsqueeze(dim);
    indices = indices.unsqueeze(dim);
  }
  return zeros(sizes, g.options()).scatter_add(dim, indices, g);
}

namespace {

Tensor var_backward(const Tensor& g, const Tensor& x, const OpAttrs& a) {
  const IntArrayRef dims = a.ints;
  const double dof = static_cast<double>(reduced_numel(x.sizes(), dims)) - (a.flag0 ? 1.0 : 0.0);
  // dof 0 (one element, unbiased) gives inf * 0 = nan, as PyTorch.
  return (2.0 / dof) * unsqueeze_reduced(g, dims, a.flag1) * (x - x.mean(dims, true));
}

Tensor norm_backward(Tensor g, const Tensor& x, Tensor norm, const OpAttrs& a) {
  const double p = a.scalar0.toDouble();
  if (p == 0.0) return Tensor();  // piecewise constant: no gradient
  if (x.dim() != 0) {
    g = unsqueeze_reduced(g, a.ints, a.flag0);
    norm = unsqueeze_reduced(norm, a.ints, a.flag0);
  }
  if (p == 1.0) return x.sign() * g;
  if (p == 2.0) return g * (x / norm).masked_fill(norm.eq(0), 0);
  if (std::isinf(p)) {
    // The largest (smallest) magnitudes share the gradient; NaN ones take it.
    const Tensor magnitude = x.abs();
    const Tensor mask = magnitude.eq(norm).logical_or(magnitude.isnan());
    return x.sign() * ((g / mask.sum(a.ints, true)) * mask);
  }
  if (p < 1.0) {
    const Tensor scaled = x.sign() * x.abs().pow(p - 1).masked_fill(x.eq(0), 0);
    return scaled * g * norm.pow(1 - p);
  }
  const Tensor scaled = p < 2.0 ? x.sign() * x.abs().pow(p - 1) : x * x.abs().pow(p - 2);
  return scaled * (g / norm.pow(p - 1)).masked_fill(norm.eq(0), 0);
}

}  // namespace

void register_reduction_formulas(FormulaTable& t) {
  t.set(GradOp::sum, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{g[0].expand(c.input_meta(0).sizes)};
  });
  t.set(GradOp::sum_dim, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{
        sum_backward(g[0], c.input_meta(0).sizes, c.attrs().ints, c.attrs().flag0)};
  });
  t.set(GradOp::mean, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const IntArrayRef sizes = c.input_meta(0).sizes;
    int64_t n = 1;
    for (int64_t s : sizes) n *= s;
    return variable_list{g[0].expand(sizes) / static_cast<double>(n)};
  });
  t.set(GradOp::mean_dim, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const IntArrayRef sizes = c.input_meta(0).sizes;
    const double n = static_cast<double>(reduced_numel(sizes, c.attrs().ints));
    return variable_list{sum_backward(g[0], sizes, c.attrs().ints, c.attrs().flag0) / n};
  });
  t.set(GradOp::prod, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor x = c.input(0).to(g[0].dtype());
          if (x.dim() == 0) return variable_list{g[0]};
          // Over the flattened input: the along-a-dim formula on one dim.
          const Tensor flat =
              prod_dim_backward(g[0].reshape({1}), x.reshape({-1}), c.output(0).reshape({1}), 0);
          return variable_list{flat.reshape(x.sizes())};
        });
  t.set(GradOp::prod_dim, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor x = c.input(0).to(g[0].dtype());
          if (x.dim() == 0) return variable_list{g[0]};
          const int64_t dim = c.attrs().int0;
          const bool keepdim = c.attrs().flag0;
          const Tensor grad = keepdim ? g[0] : g[0].unsqueeze(dim);
          const Tensor result = keepdim ? c.output(0) : c.output(0).unsqueeze(dim);
          return variable_list{prod_dim_backward(grad, x, result, dim)};
        });
  const BackwardFormula extremum_all = [](const FormulaContext& c, const variable_list& g) {
    return variable_list{evenly_distribute_backward(g[0], c.input(0), c.output(0))};
  };
  t.set(GradOp::max_all, Saves::kInputsAndOutputs, extremum_all);
  t.set(GradOp::min_all, Saves::kInputsAndOutputs, extremum_all);
  const BackwardFormula extremum_dim = [](const FormulaContext& c, const variable_list& g) {
    return variable_list{value_selecting_backward(g[0], c.attrs().int0, c.output(1),
                                                  c.input_meta(0).sizes, c.attrs().flag0)};
  };
  t.set(GradOp::max_dim, Saves::kOutputs, extremum_dim);
  t.set(GradOp::min_dim, Saves::kOutputs, extremum_dim);
  t.set(GradOp::var, Saves::kInputs, [](const FormulaContext& c, const variable_list& g) {
    return variable_list{var_backward(g[0], c.input(0), c.attrs())};
  });
  t.set(GradOp::std, Saves::kInputsAndOutputs, [](const FormulaContext& c, const variable_list& g) {
    const Tensor result = c.output(0);
    const Tensor grad_var = (g[0] / (result * 2)).masked_fill(result.eq(0), 0);
    return variable_list{var_backward(grad_var, c.input(0), c.attrs())};
  });
  t.set(GradOp::norm, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          return variable_list{norm_backward(g[0], c.input(0), c.output(0), c.attrs())};
        });
  t.set(GradOp::logsumexp, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor x = c.input(0);
          const bool unsqueeze = !c.attrs().flag0 && x.dim() != 0;
          const Tensor grad = unsqueeze ? unsqueeze_reduced(g[0], c.attrs().ints, false) : g[0];
          const Tensor result =
              unsqueeze ? unsqueeze_reduced(c.output(0), c.attrs().ints, false) : c.output(0);
          return variable_list{grad * (x - result).exp()};
        });
  t.set(GradOp::cumsum, Saves::kNothing, [](const FormulaContext& c, const variable_list& g) {
    const Tensor grad = g[0].to(c.input_meta(0).dtype);
    const int64_t dim = c.attrs().int0;
    if (grad.numel() <= 1 || grad.size(dim) == 1) return variable_list{grad};
    // The sums from each position to the end: PyTorch's flip(cumsum(flip)).
    return variable_list{grad.sum(IntArrayRef(dim), true) - grad.cumsum(dim) + grad};
  });
}

}  // namespace ember::autograd
