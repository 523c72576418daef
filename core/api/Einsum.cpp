// einsum, tensordot and kron: composites of public ops (as PyTorch's), so they record through
// their pieces and run on every device.
//
// einsum follows PyTorch's rules: subscripts [a-zA-Z] ('A'-'Z' sort before 'a'-'z'), one
// ellipsis per operand, a subscript repeated in one operand takes that diagonal, the implicit
// output is the ellipsis then the subscripts seen once, sorted, and sizes of 1 broadcast.
// Every operand is first brought to one canonical layout (the output's dims, then the
// contracted ones, size 1 where it lacks a dim); operands are then contracted left to right
// (no path optimisation, as PyTorch without opt_einsum), each pair through one bmm as
// PyTorch's sumproduct_pair.

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/ShapeUtils.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/functions/Linalg.h"

namespace ember {

namespace {

constexpr int kNumLabels = 52;
constexpr int kEllipsis = -1;

int label_index(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' : c - 'a' + 26; }
char label_char(int i) { return static_cast<char>(i < 26 ? 'A' + i : 'a' + i - 26); }

// One side of the equation: a subscript list per term (kEllipsis marks "...").
std::vector<std::vector<int>> parse_terms(std::string_view text, size_t offset, bool allow_comma) {
  std::vector<std::vector<int>> terms(1);
  bool has_ellipsis = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ') continue;
    if (c == ',' && allow_comma) {
      terms.emplace_back();
      has_ellipsis = false;
    } else if (c == '.') {
      EMBER_CHECK(!has_ellipsis,
                  "einsum(): found '.' for operand {} for which an ellipsis was "
                  "already found",
                  terms.size() - 1);
      EMBER_CHECK(i + 2 < text.size() + 0 && text[i + 1] == '.' && text[i + 2] == '.',
                  "einsum(): found '.' for operand {} that is not part of any ellipsis",
                  terms.size() - 1);
      terms.back().push_back(kEllipsis);
      has_ellipsis = true;
      i += 2;
    } else {
      EMBER_CHECK((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'),
                  "einsum(): invalid subscript given at index {} in the equation string, "
                  "subscripts must be in [a-zA-Z]",
                  offset + i);
      terms.back().push_back(label_index(c));
    }
  }
  return terms;
}

// The diagonal of dims d1 < d2 (equal sizes), kept at d1.
Tensor take_diagonal(const Tensor& t, int64_t d1, int64_t d2) {
  const int64_t n = t.size(d1);
  DimVector shape(static_cast<size_t>(t.dim()), 1);
  shape[static_cast<size_t>(d1)] = n;
  shape[static_cast<size_t>(d2)] = n;
  const Tensor mask = eye(n, t.options()).reshape(shape);
  return (t * mask).sum({d2});
}

// a and b (same rank, canonical layout) multiplied and summed over `summed` dims, which stay
// as size 1: one bmm over [batch dims, a-only dims, summed dims] x [batch, summed, b-only].
Tensor sumproduct_pair(Tensor a, Tensor b, const std::vector<bool>& summed) {
  const int64_t rank = a.dim();
  DimVector batch, left, right, sum;
  int64_t batch_size = 1, left_size = 1, right_size = 1, sum_size = 1;
  DimVector out_sizes;
  for (int64_t d = 0; d < rank; ++d) {
    const int64_t sa = a.size(d), sb = b.size(d);
    if (summed[static_cast<size_t>(d)]) {
      if (sa > 1 && sb > 1) {
        sum.push_back(d);
        sum_size *= sa;
      } else if (sa > 1) {
        a = a.sum({d}, true);
      } else if (sb > 1) {
        b = b.sum({d}, true);
      }
    } else if (sa > 1 && sb > 1) {
      batch.push_back(d);
      batch_size *= sa;
    } else if (sa > 1) {
      left.push_back(d);
      left_size *= sa;
    } else if (sb > 1) {
      right.push_back(d);
      right_size *= sb;
    } else {
      batch.push_back(d);  // size 1 in both
    }
  }
  // Dims of size 1 in an operand reshape away, so every dim of the rank appears once in each
  // order below.
  DimVector a_order(batch), b_order(batch), out_order(batch);
  for (int64_t d : left) a_order.push_back(d);
  for (int64_t d : sum) a_order.push_back(d);
  for (int64_t d : right) a_order.push_back(d);
  for (int64_t d : sum) b_order.push_back(d);
  for (int64_t d : right) b_order.push_back(d);
  for (int64_t d : left) b_order.push_back(d);
  for (int64_t d : left) out_order.push_back(d);
  for (int64_t d : right) out_order.push_back(d);
  for (int64_t d = 0; d < rank; ++d) {
    if (summed[static_cast<size_t>(d)] && std::find(sum.begin(), sum.end(), d) == sum.end()) {
      a_order.push_back(d);
      b_order.push_back(d);
    }
  }
  for (int64_t d : sum) out_order.push_back(d);
  for (int64_t d = 0; d < rank; ++d) {
    if (std::find(out_order.begin(), out_order.end(), d) == out_order.end()) out_order.push_back(d);
  }
  const Tensor a3 = a.permute(a_order).reshape({batch_size, left_size, sum_size});
  const Tensor b3 = b.permute(b_order).reshape({batch_size, sum_size, right_size});
  const Tensor product = bmm(a3, b3);
  for (int64_t d : out_order) {
    out_sizes.push_back(summed[static_cast<size_t>(d)] ? 1 : std::max(a.size(d), b.size(d)));
  }
  DimVector inverse(static_cast<size_t>(rank));
  for (int64_t i = 0; i < rank; ++i)
    inverse[static_cast<size_t>(out_order[static_cast<size_t>(i)])] = i;
  return product.reshape(out_sizes).permute(inverse);
}

}  // namespace

Tensor einsum(std::string_view equation, ArrayRef<Tensor> tensors) {
  const size_t arrow = equation.find("->");
  const std::string_view lhs = equation.substr(0, arrow);
  std::vector<std::vector<int>> inputs = parse_terms(lhs, 0, true);
  EMBER_CHECK(inputs.size() <= tensors.size(),
              "einsum(): fewer operands were provided than specified in the equation");
  EMBER_CHECK(inputs.size() >= tensors.size(),
              "einsum(): more operands were provided than specified in the equation");
  const size_t num_ops = tensors.size();
  EMBER_CHECK(num_ops > 0, "einsum(): must provide at least one operand");

  // Subscript counts, and the ellipsis' dims (the most any operand covers).
  std::array<int, kNumLabels> count{};
  int64_t ell_ndim = 0;
  bool any_ellipsis = false;
  for (size_t i = 0; i < num_ops; ++i) {
    const auto& term = inputs[i];
    const bool ellipsis = std::count(term.begin(), term.end(), kEllipsis) > 0;
    const int64_t labels = static_cast<int64_t>(term.size()) - (ellipsis ? 1 : 0);
    const int64_t ndim = tensors[i].dim();
    if (ellipsis) {
      EMBER_CHECK(labels <= ndim,
                  "einsum(): the number of subscripts in the equation ({}) is more than the "
                  "number of dimensions ({}) for operand {}",
                  labels, ndim, i);
      ell_ndim = std::max(ell_ndim, ndim - labels);
      any_ellipsis = true;
    } else {
      EMBER_CHECK(labels == ndim,
                  "einsum(): the number of subscripts in the equation ({}) does not match the "
                  "number of dimensions ({}) for operand {} and no ellipsis was given",
                  labels, ndim, i);
    }
    for (int l : term) {
      if (l != kEllipsis) ++count[static_cast<size_t>(l)];
    }
  }

  // The output: explicit, or the ellipsis then the subscripts seen once, sorted.
  std::vector<int> output;
  if (arrow != std::string_view::npos) {
    const auto out_terms = parse_terms(equation.substr(arrow + 2), arrow + 2, false);
    output = out_terms[0];
    std::array<bool, kNumLabels> seen{};
    for (int l : output) {
      if (l == kEllipsis) continue;
      EMBER_CHECK(count[static_cast<size_t>(l)] > 0,
                  "einsum(): output subscript {} does not appear in the equation for any input "
                  "operand",
                  label_char(l));
      EMBER_CHECK(!seen[static_cast<size_t>(l)],
                  "einsum(): output subscript {} appears more than once in the output",
                  label_char(l));
      seen[static_cast<size_t>(l)] = true;
    }
  } else {
    if (any_ellipsis) output.push_back(kEllipsis);
    for (int l = 0; l < kNumLabels; ++l) {
      if (count[static_cast<size_t>(l)] == 1) output.push_back(l);
    }
  }

  // Canonical positions: the output's dims in order (the ellipsis' where it stands, or first
  // when the output omits it: those dims are then summed), then the contracted subscripts.
  std::array<int64_t, kNumLabels> position;
  position.fill(-1);
  int64_t ell_position = -1;
  int64_t rank = 0;
  const bool output_has_ellipsis = std::count(output.begin(), output.end(), kEllipsis) > 0;
  for (int l : output) {
    if (l == kEllipsis) {
      ell_position = rank;
      rank += ell_ndim;
    } else {
      position[static_cast<size_t>(l)] = rank++;
    }
  }
  const int64_t out_rank = rank;
  if (!output_has_ellipsis) {
    ell_position = rank;
    rank += ell_ndim;
  }
  for (int l = 0; l < kNumLabels; ++l) {
    if (count[static_cast<size_t>(l)] > 0 && position[static_cast<size_t>(l)] < 0) {
      position[static_cast<size_t>(l)] = rank++;
    }
  }

  // Each operand in the canonical layout: diagonals taken, dims permuted, size-1 dims added.
  std::vector<Tensor> ops;
  DimVector sizes(static_cast<size_t>(rank), 1);
  std::vector<int64_t> size_from(static_cast<size_t>(rank), -1);
  for (size_t i = 0; i < num_ops; ++i) {
    Tensor t = tensors[i];
    const auto& term = inputs[i];
    DimVector dim_position;  // canonical position of each dim of t
    std::array<int64_t, kNumLabels> dim_of;
    dim_of.fill(-1);
    int64_t d = 0;
    for (int l : term) {
      if (l == kEllipsis) {
        const int64_t covered = t.dim() - (static_cast<int64_t>(term.size()) - 1);
        for (int64_t k = 0; k < covered; ++k)
          dim_position.push_back(ell_position + ell_ndim - covered + k);
        d += covered;
        continue;
      }
      const int64_t first = dim_of[static_cast<size_t>(l)];
      if (first >= 0) {
        EMBER_CHECK(t.size(first) == t.size(d),
                    "einsum(): subscript {} is repeated for operand {} but the sizes don't "
                    "match, {} != {}",
                    label_char(l), i, t.size(d), t.size(first));
        t = take_diagonal(t, first, d);
        continue;  // dim d is gone: the next subscript takes its index
      }
      dim_of[static_cast<size_t>(l)] = d;
      dim_position.push_back(position[static_cast<size_t>(l)]);
      ++d;
    }
    // Broadcast check of every dim against the operands before.
    for (int64_t k = 0; k < t.dim(); ++k) {
      const auto p = static_cast<size_t>(dim_position[static_cast<size_t>(k)]);
      const int64_t s = t.size(k);
      if (s == 1) continue;
      if (sizes[p] != 1 && sizes[p] != s) {
        std::string what = "an ellipsis dimension";
        for (int l = 0; l < kNumLabels; ++l) {
          if (position[static_cast<size_t>(l)] == static_cast<int64_t>(p)) {
            what = fmt::format("subscript {}", label_char(l));
          }
        }
        EMBER_FAIL(
            "einsum(): {} has size {} for operand {} which does not broadcast with previously "
            "seen size {}",
            what, s, i, sizes[p]);
      }
      sizes[p] = s;
    }
    DimVector order(static_cast<size_t>(t.dim()));
    for (int64_t k = 0; k < t.dim(); ++k) order[static_cast<size_t>(k)] = k;
    std::sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
      return dim_position[static_cast<size_t>(x)] < dim_position[static_cast<size_t>(y)];
    });
    t = t.permute(order);
    std::vector<bool> present(static_cast<size_t>(rank), false);
    for (int64_t p : dim_position) present[static_cast<size_t>(p)] = true;
    for (int64_t p = 0; p < rank; ++p) {
      if (!present[static_cast<size_t>(p)]) t = t.unsqueeze(p);
    }
    ops.push_back(t);
  }

  // Left to right: a dim is summed in the pair after which no later operand has it.
  Tensor result = ops[0];
  for (size_t i = 1; i < num_ops; ++i) {
    std::vector<bool> summed(static_cast<size_t>(rank), false);
    for (int64_t p = out_rank; p < rank; ++p) {
      bool later = false;
      for (size_t j = i + 1; j < num_ops; ++j) later = later || ops[j].size(p) > 1;
      summed[static_cast<size_t>(p)] = !later;
    }
    result = sumproduct_pair(result, ops[i], summed);
  }
  // What is left of the contracted dims (one operand, or broadcast sizes of 1).
  DimVector leftover;
  for (int64_t p = out_rank; p < rank; ++p) {
    if (result.size(p) > 1) leftover.push_back(p);
  }
  if (!leftover.empty()) result = result.sum(leftover, true);
  DimVector out_shape(result.sizes().slice(0, static_cast<size_t>(out_rank)));
  return result.reshape(out_shape);
}

Tensor tensordot(const Tensor& a, const Tensor& b, IntArrayRef dims_a, IntArrayRef dims_b) {
  EMBER_CHECK(dims_a.size() == dims_b.size(), "both dimension lists should have same length");
  std::vector<bool> contracted_a(static_cast<size_t>(a.dim()), false),
      contracted_b(static_cast<size_t>(b.dim()), false);
  DimVector order_a, order_b, out_shape;
  int64_t k = 1;
  for (size_t i = 0; i < dims_a.size(); ++i) {
    const int64_t da = detail::wrap_dim(dims_a[i], a.dim());
    const int64_t db = detail::wrap_dim(dims_b[i], b.dim());
    EMBER_CHECK(a.size(da) == b.size(db),
                "contracted dimensions need to match, but first has size {} in dim {} and second "
                "has size {} in dim {}",
                a.size(da), dims_a[i], b.size(db), dims_b[i]);
    EMBER_CHECK(!contracted_a[static_cast<size_t>(da)],
                "dim {} appears multiple times in the list of dims", da);
    EMBER_CHECK(!contracted_b[static_cast<size_t>(db)],
                "dim {} appears multiple times in the list of dims", db);
    contracted_a[static_cast<size_t>(da)] = true;
    contracted_b[static_cast<size_t>(db)] = true;
    k *= a.size(da);
  }
  int64_t free_a = 1, free_b = 1;
  for (int64_t d = 0; d < a.dim(); ++d) {
    if (!contracted_a[static_cast<size_t>(d)]) {
      order_a.push_back(d);
      out_shape.push_back(a.size(d));
      free_a *= a.size(d);
    }
  }
  for (size_t i = 0; i < dims_a.size(); ++i)
    order_a.push_back(detail::wrap_dim(dims_a[i], a.dim()));
  for (size_t i = 0; i < dims_b.size(); ++i)
    order_b.push_back(detail::wrap_dim(dims_b[i], b.dim()));
  for (int64_t d = 0; d < b.dim(); ++d) {
    if (!contracted_b[static_cast<size_t>(d)]) {
      order_b.push_back(d);
      out_shape.push_back(b.size(d));
      free_b *= b.size(d);
    }
  }
  const Tensor product =
      mm(a.permute(order_a).reshape({free_a, k}), b.permute(order_b).reshape({k, free_b}));
  return product.reshape(out_shape);
}

Tensor tensordot(const Tensor& a, const Tensor& b, int64_t dims) {
  EMBER_CHECK(dims >= 0, "tensordot expects dims >= 0, but got dims={}", dims);
  EMBER_CHECK(dims <= a.dim() && dims <= b.dim(),
              "tensordot expects dims < ndim_a or ndim_b, but got dims={}", dims);
  DimVector dims_a, dims_b;
  for (int64_t i = 0; i < dims; ++i) {
    dims_a.push_back(a.dim() - dims + i);
    dims_b.push_back(i);
  }
  return tensordot(a, b, dims_a, dims_b);
}

Tensor kron(const Tensor& a, const Tensor& b) {
  const int64_t ndim = std::max(a.dim(), b.dim());
  // Both padded with leading 1s to ndim dims, interleaved: a [a0, 1, a1, 1, ...] times
  // b [1, b0, 1, b1, ...], then each pair merged.
  DimVector a_shape, b_shape, out_shape;
  for (int64_t i = 0; i < ndim; ++i) {
    const int64_t ia = i - (ndim - a.dim()), ib = i - (ndim - b.dim());
    const int64_t sa = ia >= 0 ? a.size(ia) : 1, sb = ib >= 0 ? b.size(ib) : 1;
    a_shape.push_back(sa);
    a_shape.push_back(1);
    b_shape.push_back(1);
    b_shape.push_back(sb);
    out_shape.push_back(sa * sb);
  }
  return (a.reshape(a_shape) * b.reshape(b_shape)).reshape(out_shape);
}

}  // namespace ember
