// The indexing family's gradient cases: index_select, gather, scatter_add (out of place and
// in place), advanced indexing with index tensors and masks, and index_put_.

#include <string>
#include <vector>

#include "autograd/cases/CaseHelpers.h"
#include "core/ops/AdvancedIndexing.h"

namespace ember_test {

using cases::add;
using cases::Fn;
using cases::unary;
using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;
namespace idx = ember::indexing;

namespace {

Tensor longs(std::vector<int64_t> values) {
  return ember::tensor(values, ember::kLong).to(case_device());
}

}  // namespace

std::vector<OpCase> indexing_cases() {
  std::vector<OpCase> c;
  const bool sum_ok = cases::sum_records();
  add(c, "index_select", GradOp::index_select, unary([](const Tensor& x) {
        return x.index_select(0, longs({2, 0, 2}));
      }),
      {{3, 4}});
  add(c, "index_select/transposed_int32", GradOp::index_select, unary([](const Tensor& x) {
        return x.t().index_select(
            -1, ember::tensor(std::vector<int32_t>{1, 1}, ember::kInt).to(case_device()));
      }),
      {{3, 4}});
  add(c, "index_select/empty_index", GradOp::index_select,
      unary([](const Tensor& x) { return x.index_select(1, longs({})); }), {{3, 4}});
  add(c, "index_select/0d", GradOp::index_select,
      unary([](const Tensor& x) { return x.index_select(0, longs({0})); }), {{}});
  add(c, "gather", GradOp::gather, unary([](const Tensor& x) {
        return x.gather(1, longs({0, 3, 1, 1, 2, 0}).view({3, 2}));
      }),
      {{3, 4}});
  add(c, "gather/transposed", GradOp::gather, unary([](const Tensor& x) {
        return x.t().gather(0, longs({2, 2, 0}).view({1, 3}));
      }),
      {{3, 4}});
  add(c, "gather/size1", GradOp::gather, unary([](const Tensor& x) {
        return x.gather(0, longs({0, 0}).view({1, 2}));
      }),
      {{1, 2}});
  add(c, "scatter_add/empty_index", GradOp::scatter_add,
      [](const variable_list& v) { return variable_list{v[0].scatter_add(0, longs({}), v[1])}; },
      {{3}, {0}});
  add(c, "scatter_add", GradOp::scatter_add,
      [](const variable_list& v) {
        return variable_list{v[0].scatter_add(1, longs({0, 3, 1, 1, 2, 0}).view({3, 2}), v[1])};
      },
      {{3, 4}, {3, 2}});
  add(c, "scatter_add/src_larger_than_index", GradOp::scatter_add,
      [](const variable_list& v) {
        return variable_list{ember::scatter_add(v[0], 0, longs({1, 0}).view({1, 2}), v[1])};
      },
      {{2, 3}, {2, 3}});
  add(c, "scatter_add_", GradOp::scatter_add,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        y.t().scatter_add_(0, longs({0, 3, 3}).view({3, 1}), v[1]);
        return variable_list{y};
      },
      {{3, 4}, {3, 1}});
  add(c, "index", GradOp::index, unary([](const Tensor& x) {
        return x.index({longs({2, 0, 2})});
      }),
      {{3, 4}});
  add(c, "index/two_tensors", GradOp::index, unary([](const Tensor& x) {
        return x.index({idx::Slice(), longs({1, 0}).view({2, 1}), longs({2, 2, 1})});
      }),
      {{2, 3, 4}});
  add(c, "index/mask", GradOp::index, unary([](const Tensor& x) {
        return x.t()[ember::tensor({true, false, true, true}).to(case_device())];
      }),
      {{3, 4}});
  add(c, "index/size1", GradOp::index, unary([](const Tensor& x) {
        return x.index({longs({0, 0}), longs({2})});
      }),
      {{1, 3}});
  add(c, "index/empty", GradOp::index, unary([](const Tensor& x) { return x.index({longs({})}); }),
      {{3, 4}});
  add(c, "index_put_", GradOp::index_put,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        y.index_put_({longs({2, 0})}, v[1]);
        return variable_list{y};
      },
      {{3, 4}, {2, 4}});
  add(
      c, "index_put_/broadcast_value", GradOp::index_put,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        y.index_put_({longs({2, 0})}, v[1]);
        return variable_list{y};
      },
      {{3, 4}, {4}}, sum_ok);
  add(
      c, "index_put_/mask_on_view", GradOp::index_put,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        y.index_put_({idx::Slice(), ember::tensor({false, true, true, false}).to(case_device())},
                     v[1]);
        return variable_list{y};
      },
      {{3, 4}, {1, 3, 1}}, sum_ok);
  add(c, "index_put_/on_a_slice", GradOp::index_put,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        y.index_put_({idx::Slice(1, std::nullopt), longs({3, 0})}, v[1]);
        return variable_list{y};
      },
      {{3, 4}, {2, 2}});
  add(c, "index_put_/accumulate", GradOp::index_put,
      [](const variable_list& v) {
        Tensor y = v[0] * 1.0;
        ember::detail::index_put_(y, {longs({1, 1, 0})}, v[1], /*accumulate=*/true);
        return variable_list{y};
      },
      {{3, 4}, {3, 4}});
  return c;
}

}  // namespace ember_test
