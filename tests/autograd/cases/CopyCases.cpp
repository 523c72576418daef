// The copy family's gradient cases: to(), clone(), contiguous(), copy_ (into a non-leaf and
// into a view of one, with a broadcast source), fills and random fills (whose overwritten
// values get a zero gradient), and cat / stack.

#include <string>
#include <vector>

#include "autograd/cases/CaseHelpers.h"

namespace ember_test {

using cases::add;
using cases::Fn;
using cases::unary;
using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;

namespace {

// y = x * 1 changed in place by `change`; y + x keeps a gradient where y was overwritten.
template <class F>
Fn changed_copy(F change) {
  return [change](const variable_list& v) {
    Tensor y = v[0] * 1.0;
    change(y, v);
    return variable_list{y + v[0]};
  };
}

}  // namespace

std::vector<OpCase> copy_cases() {
  std::vector<OpCase> c;
  const bool sum_ok = cases::sum_records();
  add(c, "to/copy", GradOp::to_copy,
      unary([](const Tensor& x) { return x.to(ember::kDouble, false, /*copy=*/true); }), {{3, 4}});
  add(c, "to/transposed", GradOp::to_copy, unary([](const Tensor& x) {
        return x.t().to(ember::Device(ember::kCPU), false, /*copy=*/true);
      }),
      {{3, 4}});
  add(c, "clone", GradOp::clone, unary([](const Tensor& x) { return x.clone(); }), {{3, 4}});
  add(c, "clone/empty", GradOp::clone, unary([](const Tensor& x) { return x.clone(); }), {{0, 4}});
  add(c, "clone/0d", GradOp::clone, unary([](const Tensor& x) { return x.clone(); }), {{}});
  add(c, "contiguous", GradOp::clone, unary([](const Tensor& x) { return x.t().contiguous(); }),
      {{3, 4}});
  add(c, "copy_", GradOp::copy,
      changed_copy([](Tensor& y, const variable_list& v) { y.copy_(v[1]); }), {{3, 4}, {3, 4}});
  // The broadcast source's gradient is a sum: its second derivative needs sum to record.
  add(c, "copy_/broadcast", GradOp::copy,
      changed_copy([](Tensor& y, const variable_list& v) { y.copy_(v[1]); }), {{3, 4}, {4}},
      sum_ok);
  add(c, "copy_/view", GradOp::copy,
      changed_copy([](Tensor& y, const variable_list& v) { y.select(1, 2).copy_(v[1]); }),
      {{3, 4}, {3}});
  add(c, "copy_/transposed_source", GradOp::copy,
      changed_copy([](Tensor& y, const variable_list& v) { y.copy_(v[1].t()); }), {{3, 4}, {4, 3}});
  add(c, "fill_", GradOp::fill, changed_copy([](Tensor& y, const variable_list&) { y.fill_(2.5); }),
      {{3, 4}});
  add(c, "fill_/view", GradOp::fill,
      changed_copy([](Tensor& y, const variable_list&) { y.slice(0, 1).fill_(-1); }), {{3, 4}});
  add(c, "fill_/tensor", GradOp::fill_tensor,
      changed_copy([](Tensor& y, const variable_list& v) { y.fill_(v[1]); }), {{3, 4}, {}}, sum_ok);
  add(c, "zero_", GradOp::zero, changed_copy([](Tensor& y, const variable_list&) { y[1].zero_(); }),
      {{3, 4}});
  add(c, "uniform_", GradOp::uniform, changed_copy([](Tensor& y, const variable_list&) {
        ember::manual_seed(1);  // the same values for every evaluation of the function
        y.t()[0].uniform_(-1, 1);
      }),
      {{3, 4}});
  add(c, "normal_", GradOp::normal, changed_copy([](Tensor& y, const variable_list&) {
        ember::manual_seed(1);
        y.normal_();
      }),
      {{3, 4}});
  add(c, "cat", GradOp::cat,
      [](const variable_list& v) {
        return variable_list{ember::cat({v[0], v[1], v[2]}, 1)};
      },
      {{3, 2}, {3, 0}, {3, 4}});
  add(c, "cat/transposed_and_legacy_empty", GradOp::cat,
      [](const variable_list& v) {
        return variable_list{ember::cat({v[0].t(), v[1], v[2]}, -2)};
      },
      {{4, 3}, {0}, {2, 4}});
  add(c, "cat/size1", GradOp::cat,
      [](const variable_list& v) {
        return variable_list{ember::cat({v[0], v[1]}, 0)};
      },
      {{1, 1}, {1, 1}});
  add(c, "stack/empty", GradOp::stack,
      [](const variable_list& v) {
        return variable_list{ember::stack({v[0], v[1]}, 2)};
      },
      {{0, 2}, {0, 2}});
  add(c, "stack", GradOp::stack,
      [](const variable_list& v) {
        return variable_list{ember::stack({v[0], v[1].t()}, 1)};
      },
      {{3, 4}, {4, 3}});
  add(c, "stack/0d", GradOp::stack,
      [](const variable_list& v) {
        return variable_list{ember::stack({v[0], v[1]})};
      },
      {{}, {}});
  return c;
}

}  // namespace ember_test
