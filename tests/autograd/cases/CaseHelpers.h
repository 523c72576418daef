#pragma once

// Helpers the family case lists (ViewCases.cpp, CopyCases.cpp, IndexingCases.cpp) share.

#include <functional>
#include <string>
#include <vector>

#include "autograd/cases/OpCase.h"

namespace ember_test::cases {

using Fn = std::function<ember::autograd::variable_list(const ember::autograd::variable_list&)>;
using Shapes = std::vector<std::vector<int64_t>>;

/// Whether sum records a node: gradients that are sums (expand's, a broadcast source's) have
/// second derivatives only then.
inline bool sum_records() {
  const ember::Tensor x = ember::zeros({2}, ember::kDouble).requires_grad_();
  return ember::sum(x).grad_fn() != nullptr;
}

inline void add(std::vector<OpCase>& cases, const std::string& name, ember::detail::GradOp op,
                const Fn& fn, const Shapes& shapes, bool second_order = true) {
  cases.push_back(OpCase{name, op, fn, shapes, second_order});
}

/// A case function of one input and one output.
template <class F>
Fn unary(F f) {
  return [f](const ember::autograd::variable_list& v) {
    return ember::autograd::variable_list{f(v[0])};
  };
}

}  // namespace ember_test::cases
