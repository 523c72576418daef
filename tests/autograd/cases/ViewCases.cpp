// The view family's gradient cases: every view op on contiguous, transposed, size-1 and empty
// inputs, the ops returning several views, and in-place changes through views of a non-leaf
// (the base's history rebased, the other views remade from it).

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
namespace idx = ember::indexing;

std::vector<OpCase> view_cases() {
  std::vector<OpCase> c;
  const bool sum_ok = cases::sum_records();
  add(c, "view", GradOp::view, unary([](const Tensor& x) { return x.view({2, -1}); }), {{3, 4}});
  add(c, "view/size1", GradOp::view, unary([](const Tensor& x) { return x.view({1}); }), {{1, 1}});
  add(c, "view/empty", GradOp::view, unary([](const Tensor& x) {
        return x.view({3, 0});
      }),
      {{0, 3}});
  add(c, "view/0d", GradOp::view, unary([](const Tensor& x) { return x.view({1, 1}); }), {{}});
  add(c, "view_as", GradOp::view,
      [](const variable_list& v) { return variable_list{v[0].view_as(v[1])}; }, {{3, 4}, {4, 3}});
  add(c, "reshape", GradOp::view, unary([](const Tensor& x) {
        return x.reshape({4, 3});
      }),
      {{3, 4}});
  add(c, "reshape/transposed", GradOp::unsafe_view,
      unary([](const Tensor& x) { return x.t().reshape({-1}); }), {{3, 4}});
  add(c, "reshape_as", GradOp::view,
      [](const variable_list& v) { return variable_list{v[0].reshape_as(v[1])}; },
      {{2, 6}, {3, 4}});
  add(c, "flatten", GradOp::view, unary([](const Tensor& x) { return x.flatten(1); }), {{2, 3, 4}});
  add(c, "flatten/transposed", GradOp::unsafe_view,
      unary([](const Tensor& x) { return x.transpose(0, 2).flatten(); }), {{2, 3, 4}});
  add(c, "t", GradOp::t, unary([](const Tensor& x) { return x.t(); }), {{3, 4}});
  add(c, "t/1d", GradOp::t, unary([](const Tensor& x) { return x.t(); }), {{3}});
  add(c, "transpose", GradOp::transpose, unary([](const Tensor& x) { return x.transpose(-1, 0); }),
      {{2, 3, 4}});
  add(c, "transpose/empty", GradOp::transpose,
      unary([](const Tensor& x) { return x.transpose(0, 1); }), {{0, 3}});
  add(c, "permute", GradOp::permute, unary([](const Tensor& x) {
        return x.permute({2, 0, 1});
      }),
      {{2, 3, 4}});
  add(c, "permute/transposed", GradOp::permute, unary([](const Tensor& x) {
        return x.t().permute({1, 0});
      }),
      {{3, 4}});
  add(c, "squeeze", GradOp::squeeze, unary([](const Tensor& x) { return x.squeeze(); }),
      {{3, 1, 4, 1}});
  add(c, "squeeze_dim", GradOp::squeeze_dim, unary([](const Tensor& x) { return x.squeeze(1); }),
      {{3, 1, 4}});
  add(c, "squeeze_dim/not1", GradOp::squeeze_dim,
      unary([](const Tensor& x) { return x.squeeze(0); }), {{3, 4}});
  add(c, "unsqueeze", GradOp::unsqueeze, unary([](const Tensor& x) { return x.unsqueeze(-1); }),
      {{3, 4}});
  add(c, "unsqueeze/0d", GradOp::unsqueeze, unary([](const Tensor& x) { return x.unsqueeze(0); }),
      {{}});
  add(c, "expand", GradOp::expand, unary([](const Tensor& x) {
        return x.expand({2, 3, 4});
      }),
      {{3, 1}}, sum_ok);
  add(c, "expand/transposed", GradOp::expand, unary([](const Tensor& x) {
        return x.t().expand({2, 4, 3});
      }),
      {{3, 4}}, sum_ok);
  add(
      c, "expand_as", GradOp::expand,
      [](const variable_list& v) { return variable_list{v[0].expand_as(v[1])}; }, {{1, 4}, {3, 4}},
      sum_ok);
  add(c, "slice", GradOp::slice, unary([](const Tensor& x) { return x.slice(1, 1, 5, 2); }),
      {{3, 5}});
  add(c, "slice/negative", GradOp::slice,
      unary([](const Tensor& x) { return x.slice(0, -2, std::nullopt); }), {{3, 5}});
  add(c, "slice/empty", GradOp::slice, unary([](const Tensor& x) { return x.slice(1, 3, 1); }),
      {{3, 5}});
  add(c, "narrow", GradOp::slice, unary([](const Tensor& x) { return x.t().narrow(0, 1, 2); }),
      {{3, 4}});
  add(c, "select", GradOp::select, unary([](const Tensor& x) { return x.select(1, -1); }),
      {{3, 4}});
  add(c, "select/transposed", GradOp::select, unary([](const Tensor& x) { return x.t()[2]; }),
      {{3, 4}});
  add(c, "select/size1", GradOp::select, unary([](const Tensor& x) { return x[0]; }), {{1}});
  add(c, "index/basic", GradOp::select, unary([](const Tensor& x) {
        return x.index({idx::Slice(1, std::nullopt), idx::None, 1});
      }),
      {{3, 4}});
  add(c, "alias", GradOp::alias, unary([](const Tensor& x) { return x.index({"..."}); }), {{3, 4}});
  add(c, "unbind", GradOp::unbind, [](const variable_list& v) { return v[0].unbind(1); }, {{3, 4}});
  add(c, "unbind/one_used", GradOp::unbind,
      [](const variable_list& v) { return variable_list{v[0].unbind(0)[1]}; }, {{3, 4}});
  add(c, "split", GradOp::split, [](const variable_list& v) { return v[0].split(2, 1); }, {{3, 5}});
  add(c, "split/one_used", GradOp::split,
      [](const variable_list& v) { return variable_list{v[0].split(2, 0)[1]}; }, {{5, 3}});
  add(c, "split_with_sizes", GradOp::split_with_sizes,
      [](const variable_list& v) {
        return v[0].split_with_sizes({1, 0, 3}, 1);
      },
      {{3, 4}});
  add(c, "chunk", GradOp::split, [](const variable_list& v) { return v[0].t().chunk(2, 0); },
      {{3, 4}});
  add(c, "chunk/empty", GradOp::split, [](const variable_list& v) { return v[0].chunk(3, 0); },
      {{0, 2}});
  add(c, "as_strided", GradOp::as_strided, unary([](const Tensor& x) {
        return x.as_strided({2, 2}, {1, 2}, 1);
      }),
      {{6}});

  // In place through views of a non-leaf: the base's history is rebased (CopySlices).
  add(c, "select_/mul_", GradOp::select, unary([](const Tensor& x) {
        Tensor y = x * 1.0;
        y[0].mul_(2);
        return y;
      }),
      {{3, 4}});
  add(c, "t_/add_", GradOp::t,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        y.t().add_(v[1]);
        return variable_list{y};
      },
      {{3, 4}, {4, 3}});
  add(c, "view_of_view_/mul_", GradOp::slice,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        y.view({4, 3}).slice(0, 1, 3).mul_(v[1]);
        return variable_list{y};
      },
      {{3, 4}, {2, 3}});
  add(c, "other_view_sees_change", GradOp::select,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        Tensor row = y[1];
        Tensor col = y.select(1, 2);
        row.mul_(v[1]);
        return variable_list{col * 1.0, y};
      },
      {{3, 4}, {4}});
  return c;
}

}  // namespace ember_test
