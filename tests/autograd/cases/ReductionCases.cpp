// The reductions' entries of the table-driven gradient test.

#include <cmath>

#include "cases/CaseHelpers.h"

namespace ember_test {

using ember::Tensor;
using ember::autograd::variable_list;
using ember::detail::GradOp;

using cases::unary;

std::vector<OpCase> reduction_cases() {
  return {
      {"sum", GradOp::sum, unary([](const Tensor& x) { return x.sum(); }), {{3, 4}}},
      {"sum_dim", GradOp::sum_dim, unary([](const Tensor& x) { return x.sum({0}); }), {{3, 4}}},
      {"sum_dim_keepdim",
       GradOp::sum_dim,
       unary([](const Tensor& x) {
         return x.sum({-1, 0}, true);
       }),
       {{2, 3, 2}}},
      {"mean", GradOp::mean, unary([](const Tensor& x) { return x.mean(); }), {{3, 4}}},
      {"mean_dim",
       GradOp::mean_dim,
       unary([](const Tensor& x) { return x.mean({1}, true); }),
       {{3, 4}}},
      {"prod", GradOp::prod, unary([](const Tensor& x) { return x.prod(); }), {{2, 3}}},
      {"prod_dim", GradOp::prod_dim, unary([](const Tensor& x) { return x.prod(1); }), {{3, 4}}},
      {"max", GradOp::max_all, unary([](const Tensor& x) { return x.max(); }), {{3, 4}}},
      {"min", GradOp::min_all, unary([](const Tensor& x) { return x.min(); }), {{3, 4}}},
      {"max_dim",
       GradOp::max_dim,
       unary([](const Tensor& x) { return std::get<0>(x.max(1)); }),
       {{3, 4}}},
      {"min_dim",
       GradOp::min_dim,
       unary([](const Tensor& x) { return std::get<0>(x.min(0, true)); }),
       {{3, 4}}},
      {"var", GradOp::var, unary([](const Tensor& x) { return x.var(); }), {{3, 4}}},
      {"var_dim",
       GradOp::var,
       unary([](const Tensor& x) { return x.var({1}, false, true); }),
       {{3, 4}}},
      {"std", GradOp::std, unary([](const Tensor& x) { return x.std(); }), {{3, 4}}},
      {"std_dim", GradOp::std, unary([](const Tensor& x) { return x.std(0); }), {{3, 4}}},
      {"norm", GradOp::norm, unary([](const Tensor& x) { return x.norm(); }), {{3, 4}}},
      {"norm_1", GradOp::norm, unary([](const Tensor& x) { return x.norm(1); }), {{3, 4}}},
      {"norm_3_dim", GradOp::norm, unary([](const Tensor& x) { return x.norm(3, {1}); }), {{3, 4}}},
      {"norm_inf", GradOp::norm, unary([](const Tensor& x) { return x.norm(INFINITY); }), {{3, 4}}},
      {"norm_0.5", GradOp::norm, unary([](const Tensor& x) { return x.norm(0.5); }), {{3, 4}}},
      {"logsumexp",
       GradOp::logsumexp,
       unary([](const Tensor& x) { return x.logsumexp({1}); }),
       {{3, 4}}},
      {"cumsum", GradOp::cumsum, unary([](const Tensor& x) { return x.cumsum(0); }), {{3, 4}}},
  };
}

}  // namespace ember_test
