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

/// The shapes one-input ops are tried on: a matrix, size-1 dims, empty, 0-d.
inline const std::vector<Shapes> kUnaryShapes = {{{3, 4}}, {{1, 1}}, {{0, 3}}, {{}}};
/// Two inputs: same shape, broadcast against each other, size-1 dims, empty.
inline const std::vector<Shapes> kBinaryShapes = {
    {{3, 4}, {3, 4}}, {{3, 1}, {1, 4}}, {{1, 1}, {1, 1}}, {{0, 3}, {0, 3}}};

/// "3x4_1x4", "0d": the shapes of a case, for its name.
inline std::string shape_name(const Shapes& shapes) {
  std::string out;
  for (const auto& s : shapes) {
    out += out.empty() ? "" : "_";
    if (s.empty()) out += "0d";
    for (size_t i = 0; i < s.size(); ++i) out += (i ? "x" : "") + std::to_string(s[i]);
  }
  return out;
}

/// One case per shape set, named "<name>/<shapes>".
inline void add_each(std::vector<OpCase>& cases, const std::string& name, ember::detail::GradOp op,
                     const Fn& fn, const std::vector<Shapes>& shape_sets) {
  for (const Shapes& shapes : shape_sets) {
    cases.push_back(OpCase{name + "/" + shape_name(shapes), op, fn, shapes, true});
  }
}

/// A case function of one input and one output.
template <class F>
Fn unary(F f) {
  return [f](const ember::autograd::variable_list& v) {
    return ember::autograd::variable_list{f(v[0])};
  };
}

}  // namespace ember_test::cases
