// Public matrix products: mm, mv, bmm, dot and addmm record their nodes around the bodies in
// core/ops/LinearAlgebra.cpp; matmul and outer are composites of public ops (their pieces
// record), matmul following PyTorch's dispatch so that its graph has PyTorch's nodes.

#include <algorithm>
#include <utility>

#include "core/AutogradHooks.h"
#include "core/CheckedSize.h"
#include "core/ShapeUtils.h"
#include "core/ops/LinearAlgebraOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

using detail::GradOp;
using detail::OpAttrs;

namespace {

// PyTorch's _unsafe_view: the fresh product reshaped to the result's shape, recorded as an
// op of its own (UnsafeViewBackward0), not as a view: the result is a new tensor to autograd.
Tensor unsafe_view(const Tensor& product, IntArrayRef shape) {
  if (!detail::should_record(product)) return product.view(shape);
  Tensor out = detail::below_autograd([&] { return product.view(shape); });
  detail::record(GradOp::unsafe_view, {product}, out);
  return out;
}

// The last two dims swapped (PyTorch's mT).
Tensor matrix_transpose(const Tensor& t) { return t.transpose(-2, -1); }

// Whether matmul folds the batch dims of the larger operand into the rows of one mm / mv, as
// PyTorch decides: always when the smaller operand requires grad (a bmm would expand it and
// its gradient), otherwise when the folding needs no copy.
bool should_fold(const Tensor& a, const Tensor& b) {
  const bool a_larger = a.dim() >= b.dim();
  const Tensor& larger = a_larger ? a : b;
  const int64_t dim_larger = larger.dim();
  const int64_t dim_smaller = a_larger ? b.dim() : a.dim();
  if (!(dim_larger >= 3 && dim_smaller <= 2)) return false;
  if ((a_larger ? b : a).requires_grad()) return true;
  if (a.dim() == 2) return false;
  if (larger.numel() == 0) return true;
  // The larger operand as folded (b with its last two dims swapped): its batch dims and rows
  // must form one block of memory.
  DimVector sizes(larger.sizes()), strides(larger.strides());
  if (!a_larger) {
    std::swap(sizes[dim_larger - 1], sizes[dim_larger - 2]);
    std::swap(strides[dim_larger - 1], strides[dim_larger - 2]);
  }
  for (int64_t i = 0; i < dim_larger - 2; ++i) {
    if (strides[i] != strides[i + 1] * sizes[i + 1]) return false;
  }
  return true;
}

// The larger operand (>= 3-d) folded into one matrix product with the other (1-d or 2-d).
Tensor folded_matmul(const Tensor& a, const Tensor& b) {
  const bool transpose = b.dim() > a.dim();
  const Tensor t1 = transpose ? matrix_transpose(b) : a;
  const Tensor t2 = !transpose ? b : (a.dim() == 2 ? a.t() : a);
  const IntArrayRef sizes_1 = t1.sizes();
  DimVector output_shape(sizes_1.slice(0, sizes_1.size() - 1));
  const int64_t folded_dim1 = detail::checked_numel(output_shape);
  const bool t2_is_matrix = t2.dim() == 2;
  if (t2_is_matrix) output_shape.push_back(t2.size(1));
  // Not view(-1, k): a last dim of 0 would make the -1 ambiguous.
  const Tensor t1_folded = t1.reshape({folded_dim1, sizes_1.back()});
  if (!t2_is_matrix) return unsafe_view(mv(t1_folded, t2), output_shape);
  const Tensor output = unsafe_view(mm(t1_folded, t2), output_shape);
  return transpose ? matrix_transpose(output).contiguous() : output;
}

// The general batched case: batch dims broadcast, flattened into one bmm.
Tensor batched_matmul(const Tensor& a, const Tensor& b) {
  const int64_t da = a.dim(), db = b.dim();
  const int64_t n = da > 1 ? a.size(-2) : 1;
  const int64_t m1 = a.size(-1);
  const IntArrayRef batch_a = a.sizes().slice(0, static_cast<size_t>(std::max<int64_t>(da - 2, 0)));
  const int64_t m2 = db > 1 ? b.size(-2) : b.size(0);
  const int64_t p = db > 1 ? b.size(-1) : 1;
  const IntArrayRef batch_b = b.sizes().slice(0, static_cast<size_t>(std::max<int64_t>(db - 2, 0)));
  // A batch of one on a side that requires grad is dropped rather than expanded, so that its
  // gradient needs no reduction over the other side's batch.
  if (da == 3 && db == 3 && batch_a[0] != batch_b[0]) {
    if (batch_a[0] == 1 && a.requires_grad()) return matmul(a.squeeze(0), b);
    if (batch_b[0] == 1 && b.requires_grad()) return matmul(a, b.squeeze(0));
  }
  DimVector output_shape = detail::broadcast_shapes(batch_a, batch_b);
  const int64_t batch = detail::checked_numel(output_shape);
  DimVector a_size(output_shape);
  a_size.push_back(n);
  a_size.push_back(m1);
  const Tensor a_expanded = a.expand(a_size).reshape({batch, n, m1});
  const bool vector_rhs = db == 1;
  DimVector b_size(output_shape);
  if (vector_rhs) {
    b_size.push_back(m2);
  } else {
    b_size.push_back(m2);
    b_size.push_back(p);
  }
  const Tensor b_expanded = vector_rhs ? b.expand(b_size).reshape({batch, m2}).unsqueeze(2)
                                       : b.expand(b_size).reshape({batch, m2, p});
  if (da > 1) output_shape.push_back(n);
  if (db > 1) output_shape.push_back(p);
  const Tensor product = bmm(a_expanded, b_expanded);
  return unsafe_view(vector_rhs ? product.squeeze(-1) : product, output_shape);
}

}  // namespace

// mm, mv, bmm, dot: no attributes. addmm: scalar0 = beta, scalar1 = alpha.
Tensor mm(const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::mm(a, b);
  Tensor out = detail::below_autograd([&] { return native::mm(a, b); });
  detail::record(GradOp::mm, {a, b}, out);
  return out;
}

Tensor mv(const Tensor& mat, const Tensor& vec) {
  if (!detail::should_record(mat, vec)) return native::mv(mat, vec);
  Tensor out = detail::below_autograd([&] { return native::mv(mat, vec); });
  detail::record(GradOp::mv, {mat, vec}, out);
  return out;
}

Tensor bmm(const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::bmm(a, b);
  Tensor out = detail::below_autograd([&] { return native::bmm(a, b); });
  detail::record(GradOp::bmm, {a, b}, out);
  return out;
}

Tensor dot(const Tensor& a, const Tensor& b) {
  if (!detail::should_record(a, b)) return native::dot(a, b);
  Tensor out = detail::below_autograd([&] { return native::dot(a, b); });
  detail::record(GradOp::dot, {a, b}, out);
  return out;
}

Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
             const Scalar& alpha) {
  if (!detail::should_record(self, mat1, mat2)) return native::addmm(self, mat1, mat2, beta, alpha);
  Tensor out = detail::below_autograd([&] { return native::addmm(self, mat1, mat2, beta, alpha); });
  OpAttrs attrs;
  attrs.scalar0 = beta;
  attrs.scalar1 = alpha;
  detail::record(GradOp::addmm, {self, mat1, mat2}, out, std::move(attrs));
  return out;
}

Tensor outer(const Tensor& a, const Tensor& b) {
  detail::check_matmul_operands("outer", a, b);
  EMBER_CHECK(a.dim() == 1 && b.dim() == 1, "outer: expected 1-D tensors, got {}-D and {}-D",
              a.dim(), b.dim());
  return a.unsqueeze(1) * b.unsqueeze(0);
}

Tensor matmul(const Tensor& a, const Tensor& b) {
  detail::check_matmul_operands("matmul", a, b);
  const int64_t da = a.dim(), db = b.dim();
  EMBER_CHECK(da > 0 && db > 0,
              "both arguments to matmul need to be at least 1D, but they are {}D and {}D", da, db);
  if (da == 1 && db == 1) return dot(a, b);
  if (da == 2 && db == 1) return mv(a, b);
  if (da == 1 && db == 2) {
    if (a.size(0) != b.size(0))
      detail::throw_matmul_shape_mismatch("matmul", a, b, a.size(0), b.size(0));
    return mm(a.unsqueeze(0), b).squeeze(0);
  }
  if (da == 2 && db == 2) {
    if (a.size(1) != b.size(0))
      detail::throw_matmul_shape_mismatch("matmul", a, b, a.size(1), b.size(0));
    return mm(a, b);
  }
  const int64_t k_a = a.size(-1);
  const int64_t k_b = db == 1 ? b.size(0) : b.size(-2);
  if (k_a != k_b) detail::throw_matmul_shape_mismatch("matmul", a, b, k_a, k_b);
  return should_fold(a, b) ? folded_matmul(a, b) : batched_matmul(a, b);
}

Tensor Tensor::matmul(const Tensor& other) const { return ember::matmul(*this, other); }
Tensor Tensor::mm(const Tensor& mat2) const { return ember::mm(*this, mat2); }
Tensor Tensor::mv(const Tensor& vec) const { return ember::mv(*this, vec); }
Tensor Tensor::bmm(const Tensor& mat2) const { return ember::bmm(*this, mat2); }
Tensor Tensor::dot(const Tensor& other) const { return ember::dot(*this, other); }
Tensor Tensor::outer(const Tensor& vec2) const { return ember::outer(*this, vec2); }
Tensor Tensor::addmm(const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
                     const Scalar& alpha) const {
  return ember::addmm(*this, mat1, mat2, beta, alpha);
}

}  // namespace ember
