// Backward formulas of sort, topk, kthvalue, median, nanmedian, mode, cummax, cummin, cumprod
// and logcumsumexp, after PyTorch's derivatives.yaml and FunctionsManual.cpp.
//
// Attributes (recorded by core/api/Sorting.cpp):
//   sort, sort_stable, topk, cummax, cummin, cumprod, logcumsumexp: int0 = dim (wrapped).
//   kthvalue, median_dim, nanmedian_dim, mode: int0 = dim (wrapped), flag0 = keepdim.
//   median_all, nanmedian_all: none.
// The selecting ops save their outputs: output 1 is the int64 indices.

#include <limits>

#include "autograd/Formula.h"
#include "autograd/formulas/SelectionBackward.h"
#include "ember/core/Functions.h"

namespace ember::autograd {

namespace {

// x reversed along dim (an index_select, so it is differentiable again).
Tensor flip_dim(const Tensor& x, int64_t dim) {
  const int64_t n = x.size(dim);
  return x.index_select(dim,
                        arange(n - 1, -1, -1, TensorOptions().dtype(kLong).device(x.device())));
}

// The sums from each position to the end along dim.
Tensor reversed_cumsum(const Tensor& x, int64_t dim) {
  return flip_dim(flip_dim(x, dim).cumsum(dim), dim);
}

// cumprod's gradient, exact with zeros: before a line's first zero, the products to the end
// divided by x; at the first zero, the same sums with that zero counted as 1; after it, 0.
Tensor cumprod_backward(const Tensor& g, const Tensor& x, const Tensor& out, int64_t dim) {
  if (x.numel() <= 1 || x.size(dim) == 1) return g;
  const Tensor is_zero = x.eq(0);
  const Tensor zeros_so_far = is_zero.cumsum(dim);
  const Tensor before_first = zeros_so_far.eq(0);
  const Tensor first_zero = is_zero.logical_and(zeros_so_far.eq(1));
  const Tensor safe_x = where(before_first, x, ones_like(x));
  const Tensor before = reversed_cumsum(out * g, dim) / safe_x;
  const Tensor at_zero = reversed_cumsum(g * where(first_zero, ones_like(x), x).cumprod(dim), dim);
  return where(before_first, before, where(first_zero, at_zero, zeros_like(x)));
}

// logcumsumexp's gradient, as PyTorch's: positive and negative parts of the gradient summed
// in log space from each position to the end.
Tensor logcumsumexp_backward(const Tensor& g, const Tensor& x, const Tensor& out, int64_t dim) {
  if (x.dim() == 0) return g;
  const auto reverse_logcumsumexp = [dim](const Tensor& t) {
    return flip_dim(flip_dim(t, dim).logcumsumexp(dim), dim);
  };
  // The dtype's lowest finite value, not -inf, stands for log(0): -inf - -inf would make the
  // second derivative NaN (PyTorch does the same).
  const double lowest = g.dtype() == kDouble     ? std::numeric_limits<double>::lowest()
                        : g.dtype() == kHalf     ? -65504.0
                        : g.dtype() == kBFloat16 ? -3.3895313892515355e38
                                                 : double{std::numeric_limits<float>::lowest()};
  const Tensor log_abs_grad = g.abs().log();
  const Tensor log_grad_positive = where(g.gt(0), log_abs_grad, full_like(g, lowest));
  const Tensor log_grad_negative = where(g.lt(0), log_abs_grad, full_like(g, lowest));
  const Tensor output_pos = (reverse_logcumsumexp(log_grad_positive - out) + x).exp();
  const Tensor output_neg = (reverse_logcumsumexp(log_grad_negative - out) + x).exp();
  return output_pos - output_neg;
}

}  // namespace

void register_sorting_formulas(FormulaTable& t) {
  // The outputs keep the selected dim (sort, topk, cummax, cummin).
  const BackwardFormula along_dim = [](const FormulaContext& c, const variable_list& g) {
    return variable_list{
        value_selecting_backward(g[0], c.attrs().int0, c.output(1), c.input_meta(0).sizes, true)};
  };
  // kthvalue, median, nanmedian, mode along a dim: removed unless keepdim.
  const BackwardFormula reduced_dim = [](const FormulaContext& c, const variable_list& g) {
    return variable_list{value_selecting_backward(g[0], c.attrs().int0, c.output(1),
                                                  c.input_meta(0).sizes, c.attrs().flag0)};
  };
  const BackwardFormula whole = [](const FormulaContext& c, const variable_list& g) {
    return variable_list{evenly_distribute_backward(g[0], c.input(0), c.output(0))};
  };
  t.set(GradOp::sort, Saves::kOutputs, along_dim);
  t.set(GradOp::sort_stable, Saves::kOutputs, along_dim);
  t.set(GradOp::topk, Saves::kOutputs, along_dim);
  t.set(GradOp::cummax, Saves::kOutputs, along_dim);
  t.set(GradOp::cummin, Saves::kOutputs, along_dim);
  t.set(GradOp::kthvalue, Saves::kOutputs, reduced_dim);
  t.set(GradOp::median_dim, Saves::kOutputs, reduced_dim);
  t.set(GradOp::nanmedian_dim, Saves::kOutputs, reduced_dim);
  t.set(GradOp::mode, Saves::kOutputs, reduced_dim);
  t.set(GradOp::median_all, Saves::kInputsAndOutputs, whole);
  t.set(GradOp::nanmedian_all, Saves::kInputsAndOutputs, whole);
  t.set(GradOp::cumprod, Saves::kInputsAndOutputs,
        [](const FormulaContext& c, const variable_list& g) {
          const Tensor x = c.input(0).to(g[0].dtype());
          if (x.dim() == 0) return variable_list{g[0]};
          return variable_list{cumprod_backward(g[0], x, c.output(0), c.attrs().int0)};
        });
  t.set(
      GradOp::logcumsumexp, Saves::kInputsAndOutputs,
      [](const FormulaContext& c, const variable_list& g) {
        return variable_list{logcumsumexp_backward(g[0], c.input(0), c.output(0), c.attrs().int0)};
      });
}

}  // namespace ember::autograd
