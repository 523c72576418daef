// The sorting, selection and scan ops' entries of the table-driven gradient test. Inputs are
// random in (-1, 1), so ties (where the gradient's choice is arbitrary) do not occur.

#include "cases/CaseHelpers.h"

namespace ember_test {

using ember::Tensor;
using ember::detail::GradOp;

using cases::unary;

std::vector<OpCase> sorting_cases() {
  return {
      {"sort",
       GradOp::sort,
       unary([](const Tensor& x) { return std::get<0>(x.sort(1)); }),
       {{3, 4}}},
      {"sort_descending_dim0",
       GradOp::sort,
       unary([](const Tensor& x) { return std::get<0>(x.sort(0, true)); }),
       {{3, 4}}},
      {"sort_stable",
       GradOp::sort_stable,
       unary([](const Tensor& x) { return std::get<0>(x.sort(std::optional<bool>(true), -1)); }),
       {{3, 4}}},
      {"topk",
       GradOp::topk,
       unary([](const Tensor& x) { return std::get<0>(x.topk(2)); }),
       {{3, 4}}},
      {"topk_smallest_dim0",
       GradOp::topk,
       unary([](const Tensor& x) { return std::get<0>(x.topk(2, 0, false)); }),
       {{3, 4}}},
      {"kthvalue",
       GradOp::kthvalue,
       unary([](const Tensor& x) { return std::get<0>(x.kthvalue(2, 1)); }),
       {{3, 4}}},
      {"kthvalue_keepdim",
       GradOp::kthvalue,
       unary([](const Tensor& x) { return std::get<0>(x.kthvalue(3, 0, true)); }),
       {{3, 4}}},
      {"median", GradOp::median_all, unary([](const Tensor& x) { return x.median(); }), {{3, 4}}},
      {"median_dim",
       GradOp::median_dim,
       unary([](const Tensor& x) { return std::get<0>(x.median(1)); }),
       {{3, 4}}},
      {"nanmedian",
       GradOp::nanmedian_all,
       unary([](const Tensor& x) { return x.nanmedian(); }),
       {{3, 4}}},
      {"nanmedian_dim",
       GradOp::nanmedian_dim,
       unary([](const Tensor& x) { return std::get<0>(x.nanmedian(0, true)); }),
       {{3, 4}}},
      {"mode",
       GradOp::mode,
       unary([](const Tensor& x) { return std::get<0>(x.mode(1)); }),
       {{3, 4}}},
      {"cummax",
       GradOp::cummax,
       unary([](const Tensor& x) { return std::get<0>(x.cummax(1)); }),
       {{3, 4}}},
      {"cummin",
       GradOp::cummin,
       unary([](const Tensor& x) { return std::get<0>(x.cummin(0)); }),
       {{3, 4}}},
      {"cumprod", GradOp::cumprod, unary([](const Tensor& x) { return x.cumprod(1); }), {{3, 4}}},
      {"cumprod_dim0",
       GradOp::cumprod,
       unary([](const Tensor& x) { return x.cumprod(0); }),
       {{3, 4}}},
      {"logcumsumexp",
       GradOp::logcumsumexp,
       unary([](const Tensor& x) { return x.logcumsumexp(1); }),
       {{3, 4}}},
      // quantile is a composite: its gradient flows through sort and gather.
      {"quantile_linear",
       GradOp::sort,
       unary([](const Tensor& x) { return x.quantile(0.3, 1); }),
       {{3, 4}}},
      {"quantile_midpoint_all",
       GradOp::sort,
       unary([](const Tensor& x) { return x.quantile(0.5, std::nullopt, false, "midpoint"); }),
       {{3, 4}}},
  };
}

}  // namespace ember_test
