// The shape family's gradient cases: flip, roll, repeat (and tile), tril / triu (and in
// place), diagonal / diag / diag_embed / trace, the writes along a dim (index_add,
// index_copy, index_fill, scatter, scatter_reduce), masked_select / masked_scatter, padding,
// and the composites (movedim, swapaxes, unflatten, broadcasting, meshgrid, take_along_dim,
// repeat_interleave, the stacks) under the nodes of their pieces.

#include <string>
#include <vector>

#include "autograd/cases/CaseHelpers.h"

namespace ember_test {

using cases::add;
using cases::unary;
using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;

namespace {

Tensor longs(std::vector<int64_t> values) {
  return ember::tensor(values, ember::kLong).to(case_device());
}

Tensor bools(std::vector<int64_t> values) { return longs(std::move(values)) != 0; }

// Each column names distinct rows, so that no element of self is written twice.
Tensor scatter_index() { return longs({0, 1, 2, 0, 2, 0, 1, 1}).view({2, 4}); }

// Tensor methods in place on a copy of the input (a leaf may not change in place).
template <class F>
cases::Fn in_place(F f) {
  return [f](const variable_list& v) {
    Tensor y = v[0] * 1.0;
    f(y, v);
    return variable_list{y};
  };
}

void add_reorder_cases(std::vector<OpCase>& c) {
  add(c, "flip", GradOp::flip, unary([](const Tensor& x) { return x.flip({0, -1}); }), {{3, 4}});
  add(c, "roll", GradOp::roll, unary([](const Tensor& x) {
        return x.roll({1, -1}, {0, 1});
      }),
      {{3, 4}});
  add(c, "roll/flat", GradOp::roll, unary([](const Tensor& x) { return ember::roll(x, {5}); }),
      {{3, 4}});
  add(c, "repeat", GradOp::repeat, unary([](const Tensor& x) {
        return x.repeat({2, 1, 2});
      }),
      {{3, 2}});
  add(c, "tile", GradOp::repeat, unary([](const Tensor& x) { return ember::tile(x, {2}); }),
      {{3, 2}});
  add(c, "repeat_interleave", GradOp::index_select, unary([](const Tensor& x) {
        return x.repeat_interleave(longs({1, 0, 2}), 0);
      }),
      {{3, 4}});
}

void add_triangle_cases(std::vector<OpCase>& c) {
  add(c, "tril", GradOp::tril, unary([](const Tensor& x) { return x.tril(1); }), {{4, 3}});
  add(c, "triu", GradOp::triu, unary([](const Tensor& x) { return ember::triu(x, -1); }), {{4, 3}});
  add(c, "tril_", GradOp::tril, in_place([](Tensor& y, const variable_list&) { y.tril_(); }),
      {{3, 4}});
  add(c, "triu_", GradOp::triu, in_place([](Tensor& y, const variable_list&) { y.triu_(1); }),
      {{3, 4}});
  add(c, "diagonal", GradOp::diagonal, unary([](const Tensor& x) { return x.diagonal(1); }),
      {{3, 4}});
  add(c, "diagonal/3d", GradOp::diagonal,
      unary([](const Tensor& x) { return ember::diagonal(x, -1, 2, 0); }), {{2, 3, 4}});
  add(c, "diag", GradOp::diagonal, unary([](const Tensor& x) { return x.diag(-1); }), {{3, 4}});
  add(c, "diag/1d", GradOp::diag_embed, unary([](const Tensor& x) { return ember::diag(x, 1); }),
      {{3}});
  add(c, "diag_embed", GradOp::diag_embed,
      unary([](const Tensor& x) { return x.diag_embed(1, 0, 2); }), {{3, 4}});
  add(c, "trace", GradOp::trace, unary([](const Tensor& x) { return x.trace(); }), {{3, 4}});
}

void add_view_composite_cases(std::vector<OpCase>& c, bool sum_ok) {
  add(c, "movedim", GradOp::permute, unary([](const Tensor& x) {
        return x.movedim({0, 1}, {2, 0});
      }),
      {{2, 3, 4}});
  add(c, "swapaxes", GradOp::transpose, unary([](const Tensor& x) { return x.swapaxes(0, -1); }),
      {{3, 4}});
  add(c, "unflatten", GradOp::view, unary([](const Tensor& x) {
        return x.unflatten(1, {2, 2});
      }),
      {{3, 4}});
  add(c, "broadcast_to", GradOp::expand, unary([](const Tensor& x) {
        return x.broadcast_to({2, 3, 4});
      }),
      {{3, 1}}, sum_ok);
  add(
      c, "broadcast_tensors", GradOp::expand,
      [](const variable_list& v) {
        return ember::broadcast_tensors({v[0], v[1]});
      },
      {{3, 1}, {4}}, sum_ok);
  add(
      c, "meshgrid", GradOp::expand,
      [](const variable_list& v) {
        return ember::meshgrid({v[0], v[1]}, "xy");
      },
      {{2}, {3}}, sum_ok);
  add(c, "take_along_dim", GradOp::gather, unary([](const Tensor& x) {
        return x.take_along_dim(longs({2, 0, 1, 1}).view({1, 4}), 0);
      }),
      {{3, 4}});
}

void add_along_dim_cases(std::vector<OpCase>& c) {
  add(c, "index_add", GradOp::index_add,
      [](const variable_list& v) {
        return variable_list{v[0].index_add(0, longs({2, 2}), v[1], 2.5)};
      },
      {{3, 4}, {2, 4}});
  add(c, "index_add_", GradOp::index_add, in_place([](Tensor& y, const variable_list& v) {
        y.t().index_add_(1, longs({0, 2}), v[1]);
      }),
      {{3, 4}, {4, 2}});
  add(c, "index_copy", GradOp::index_copy,
      [](const variable_list& v) {
        return variable_list{v[0].index_copy(1, longs({3, 0}), v[1])};
      },
      {{3, 4}, {3, 2}});
  add(c, "index_fill", GradOp::index_fill, unary([](const Tensor& x) {
        return x.index_fill(0, longs({1, -1}), 2.0);
      }),
      {{3, 4}});
  add(c, "index_fill/tensor_value", GradOp::index_fill_tensor,
      [](const variable_list& v) {
        return variable_list{ember::index_fill(v[0], 1, longs({0, 2, 0}), v[1])};
      },
      {{3, 4}, {}});
  add(c, "scatter", GradOp::scatter,
      [](const variable_list& v) { return variable_list{v[0].scatter(0, scatter_index(), v[1])}; },
      {{3, 4}, {3, 5}});
  add(c, "scatter/value", GradOp::scatter_value,
      unary([](const Tensor& x) { return ember::scatter(x, 0, scatter_index(), 1.5); }), {{3, 4}});
  for (const char* reduce : {"sum", "mean", "prod", "amax", "amin"}) {
    for (bool include_self : {true, false}) {
      // sum and mean record the node that saves nothing; both are ScatterReduceBackward0.
      const bool linear = std::string(reduce) == "sum" || std::string(reduce) == "mean";
      add(c, std::string("scatter_reduce/") + reduce + (include_self ? "" : "_exclude_self"),
          linear ? GradOp::scatter_reduce_linear : GradOp::scatter_reduce,
          [reduce, include_self](const variable_list& v) {
            return variable_list{v[0].scatter_reduce(1, longs({0, 0, 2, 1, 1, 1}).view({3, 2}),
                                                     v[1], reduce, include_self)};
          },
          {{3, 4}, {3, 2}});
    }
  }
  add(c, "masked_select", GradOp::masked_select, unary([](const Tensor& x) {
        return x.masked_select(bools({1, 0, 1, 1}));
      }),
      {{3, 4}});
  add(c, "masked_scatter", GradOp::masked_scatter,
      [](const variable_list& v) {
        return variable_list{v[0].masked_scatter(bools({0, 1, 1, 0}), v[1])};
      },
      {{3, 4}, {7}});
}

void add_stack_and_pad_cases(std::vector<OpCase>& c) {
  const auto two = [](auto join) {
    return [join](const variable_list& v) { return variable_list{join({v[0], v[1]})}; };
  };
  add(c, "hstack", GradOp::cat, two([](std::vector<Tensor> t) { return ember::hstack(t); }),
      {{3, 2}, {3, 4}});
  add(c, "vstack", GradOp::cat, two([](std::vector<Tensor> t) { return ember::vstack(t); }),
      {{4}, {2, 4}});
  add(c, "dstack", GradOp::cat, two([](std::vector<Tensor> t) { return ember::dstack(t); }),
      {{3, 4}, {3, 4}});
  add(c, "column_stack", GradOp::cat,
      two([](std::vector<Tensor> t) { return ember::column_stack(t); }), {{3}, {3, 2}});
  add(c, "constant_pad_nd", GradOp::constant_pad_nd, unary([](const Tensor& x) {
        return ember::constant_pad_nd(x, {1, -1, 2, 0}, 0.5);
      }),
      {{3, 4}});
  add(c, "pad", GradOp::constant_pad_nd, unary([](const Tensor& x) {
        return ember::pad(x, {2, 1});
      }),
      {{3, 4}});
  add(c, "pad/reflect1d", GradOp::reflect1d, unary([](const Tensor& x) {
        return ember::pad(x, {3, -1}, "reflect");
      }),
      {{2, 5}});
  add(c, "pad/reflect2d", GradOp::reflect2d, unary([](const Tensor& x) {
        return ember::pad(x, {1, 2, 2, 1}, "reflect");
      }),
      {{2, 3, 4}});
  add(c, "pad/reflect3d", GradOp::reflect3d, unary([](const Tensor& x) {
        return ember::pad(x, {1, 1, 1, 0, 1, 1}, "reflect");
      }),
      {{1, 2, 3, 3}});
  add(c, "pad/replicate1d", GradOp::replicate1d, unary([](const Tensor& x) {
        return ember::pad(x, {3, 1}, "replicate");
      }),
      {{2, 3}});
  add(c, "pad/replicate2d", GradOp::replicate2d, unary([](const Tensor& x) {
        return ember::pad(x, {1, 2, 0, 2}, "replicate");
      }),
      {{2, 3, 3}});
  add(c, "pad/replicate3d", GradOp::replicate3d, unary([](const Tensor& x) {
        return ember::pad(x, {1, 0, 1, 1, 0, 1}, "replicate");
      }),
      {{1, 2, 2, 3}});
  add(c, "pad/circular", GradOp::index_select, unary([](const Tensor& x) {
        return ember::pad(x, {2, 1}, "circular");
      }),
      {{2, 3}});
}

}  // namespace

std::vector<OpCase> shape_cases() {
  std::vector<OpCase> c;
  const bool sum_ok = cases::sum_records();
  add_reorder_cases(c);
  add_triangle_cases(c);
  add_view_composite_cases(c, sum_ok);
  add_along_dim_cases(c);
  add_stack_and_pad_cases(c);
  return c;
}

}  // namespace ember_test
