// Linear algebra's autograd-free bodies: LU (inv, solve, det, slogdet), Cholesky, QR, eigh and
// SVD on the backend's LAPACK-level kernels (core/KernelSignatures.h), plus the matrix helpers
// in public ops that the public functions and the backward formulas share.
//
// The kernels take column-major matrices. A contiguous row-major matrix is its transpose in
// column-major order, which most bodies use directly: LU of A^T serves A (solve with the
// transposed factors; same determinant), a symmetric matrix is its own transpose (eigh reads
// the opposite triangle), and the SVD of A^T is that of A with U and Vh exchanged. QR and
// Cholesky copy A into column-major order (Cholesky then calls potrf as PyTorch does).

#include <algorithm>
#include <string>

#include "core/DtypeDispatch.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/LinalgOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace detail {

void throw_missing_linalg_kernel(const char* op, DeviceType device, Dtype dtype) {
  if (device == kCPU) {
    throw_error(fmt::format("{}: needs LAPACK, which this build of Ember does not have", op));
  }
  throw_dtype_not_implemented(op, dtype, device);
}

void check_linalg_input(const char* op, const Tensor& A) {
  EMBER_CHECK(A.dim() >= 2, "{}: The input tensor A must have at least 2 dimensions.", op);
  const Dtype d = A.dtype();
  if (!is_floating_type(d)) {
    EMBER_NOT_IMPLEMENTED("{}: Expected a floating point or complex tensor as input. Got {}", op,
                          d);
  }
  if (d != kFloat && d != kDouble) {
    EMBER_NOT_IMPLEMENTED("{}: Low precision dtypes not supported. Got {}", op, d);
  }
}

void check_square(const char* op, const Tensor& A) {
  check_linalg_input(op, A);
  EMBER_CHECK(A.size(-1) == A.size(-2),
              "{}: A must be batches of square matrices, but they are {} by {} matrices", op,
              A.size(-2), A.size(-1));
}

Tensor matrix_diagonal(const Tensor& A) {
  const int64_t k = std::min(A.size(-2), A.size(-1));
  const Tensor square = A.narrow(-2, 0, k).narrow(-1, 0, k);
  return (square * eye(k, A.options())).sum({-1});
}

Tensor diag_embed_last(const Tensor& v) { return v.unsqueeze(-1) * eye(v.size(-1), v.options()); }

Tensor triangle(const Tensor& A, bool lower, int64_t k) {
  const int64_t m = A.size(-2), n = A.size(-1);
  const TensorOptions index = TensorOptions().dtype(kLong).device(A.device());
  // offset[i][j] = j - i.
  const Tensor offset = arange(n, index).unsqueeze(0) - arange(m, index).unsqueeze(1);
  const Tensor keep = lower ? offset.le(k) : offset.ge(k);
  return A * keep.to(A.dtype());
}

}  // namespace detail

namespace {

using detail::check_linalg_input;
using detail::check_square;
using detail::Kernel;
using detail::linalg_kernel;
using detail::mT;

// The batch dims of a matrix batch.
DimVector batch_shape(const Tensor& A) {
  return DimVector(A.sizes().slice(0, static_cast<size_t>(A.dim() - 2)));
}

DimVector with_matrix(IntArrayRef batch, int64_t rows, int64_t cols) {
  DimVector shape(batch);
  shape.push_back(rows);
  shape.push_back(cols);
  return shape;
}

// The matrices of a batch as [B, rows, cols] (B explicit: -1 is ambiguous when empty).
Tensor as_matrix_batch(const Tensor& t) {
  int64_t count = 1;
  for (int64_t i = 0; i < t.dim() - 2; ++i) count *= t.size(i);
  return t.view({count, t.size(-2), t.size(-1)});
}

// A contiguous copy the kernels may overwrite, as [B, rows, cols].
Tensor owned_batch(const Tensor& A) {
  Tensor out = empty(A.sizes(), A.options());
  out.copy_(A);
  return as_matrix_batch(out);
}

Tensor int32_zeros(IntArrayRef shape, const Tensor& like) {
  return zeros(shape, TensorOptions().dtype(kInt).device(like.device()));
}

enum class LinalgFailure {
  kSingularPivot,
  kSolveSingular,
  kNotPositiveDefinite,
  kEighNoConvergence,
  kSvdNoConvergence
};

// PyTorch's message for a positive LAPACK info, prefixed "(Batch element i): " for batches.
[[noreturn]] void throw_linalg_failure(const char* op, LinalgFailure kind, int64_t batch_index,
                                       int info, bool batched) {
  const std::string where =
      batched ? fmt::format("(Batch element {}): ", batch_index) : std::string();
  switch (kind) {
    case LinalgFailure::kSingularPivot:
      EMBER_FAIL(
          "{}: {}The diagonal element {} is zero, the inversion could not be completed because "
          "the input matrix is singular.",
          op, where, info);
    case LinalgFailure::kSolveSingular:
      EMBER_FAIL("torch.{}: {}The solver failed because the input matrix is singular.", op, where);
    case LinalgFailure::kNotPositiveDefinite:
      EMBER_FAIL(
          "{}: {}The factorization could not be completed because the input is not "
          "positive-definite (the leading minor of order {} is not positive-definite).",
          op, where, info);
    case LinalgFailure::kEighNoConvergence:
      EMBER_FAIL(
          "{}: {}The algorithm failed to converge because the input matrix is ill-conditioned or "
          "has too many repeated eigenvalues (error code: {}).",
          op, where, info);
    case LinalgFailure::kSvdNoConvergence:
      EMBER_FAIL(
          "{}: {}The algorithm failed to converge because the input matrix is ill-conditioned or "
          "has too many repeated singular values (error code: {}).",
          op, where, info);
  }
  EMBER_FAIL("{}: LAPACK error {}", op, info);
}

// The first batch element whose info is non-zero, as an error.
void check_info(const char* op, LinalgFailure kind, const Tensor& info, bool batched) {
  const Tensor host = info.to(Device(kCPU)).contiguous();
  const int* p = host.data_ptr<int>();
  for (int64_t i = 0; i < host.numel(); ++i) {
    if (p[i] != 0) throw_linalg_failure(op, kind, i, p[i], batched);
  }
}

struct LuFactors {
  Tensor lu;      // [B, n, n]: the LU factors of A^T, column-major
  Tensor pivots;  // int32 [B, n]
  Tensor info;    // int32 [B]
};

LuFactors lu_of_transpose(const char* op, const Tensor& A) {
  LuFactors f;
  f.lu = owned_batch(A);
  const int64_t batch = f.lu.size(0), n = f.lu.size(1);
  f.pivots = int32_zeros({batch, n}, A);
  f.info = int32_zeros({batch}, A);
  if (f.lu.numel() > 0) linalg_kernel<Kernel::lu_factor>(op, A)(f.lu, f.pivots, f.info);
  return f;
}

// X with A X = B for the factors of A^T; B is [..., n, k] with A's batch shape.
Tensor solve_with_factors(const char* op, const LuFactors& f, const Tensor& A, const Tensor& B) {
  // Column-major n x k right-hand sides: B^T row-major.
  Tensor rhs = empty(mT(B).sizes(), B.options());
  rhs.copy_(mT(B));
  const Tensor rhs3 = as_matrix_batch(rhs);
  if (rhs3.numel() > 0) linalg_kernel<Kernel::lu_solve>(op, A)(f.lu, f.pivots, rhs3, true);
  return mT(rhs);
}

// The diagonal of the factors (U's), as a view of their contiguous buffer.
Tensor factors_diagonal(const LuFactors& f) {
  const int64_t n = f.lu.size(-1);
  return f.lu.as_strided({f.lu.size(0), n}, {n * n, n + 1}, f.lu.storage_offset());
}

// +-1 from the pivots: the sign of the row permutation.
Tensor permutation_sign(const LuFactors& f, Dtype dtype) {
  const int64_t n = f.pivots.size(-1);
  const Tensor identity = arange(1, n + 1, TensorOptions().dtype(kInt).device(f.pivots.device()));
  const Tensor swaps = f.pivots.ne(identity).sum({-1});
  return (1 - bitwise_and(swaps, 1) * 2).to(dtype);
}

}  // namespace

namespace native {

std::tuple<Tensor, Tensor> linalg_inv_ex(const Tensor& A, bool check_errors) {
  check_square("linalg.inv", A);
  const LuFactors f = lu_of_transpose("linalg.inv", A);
  const DimVector batch = batch_shape(A);
  const Tensor info = f.info.view(batch);
  if (check_errors) check_info("linalg.inv", LinalgFailure::kSingularPivot, f.info, A.dim() > 2);
  const int64_t n = A.size(-1);
  const Tensor identity = eye(n, A.options()).expand(with_matrix(batch, n, n));
  return {solve_with_factors("linalg.inv", f, A, identity).view(A.sizes()), info};
}

Tensor linalg_solve(const Tensor& A, const Tensor& B, bool left) {
  check_square("linalg.solve", A);
  EMBER_CHECK(A.dtype() == B.dtype(),
              "linalg.solve: Expected A and B to have the same dtype, but found A of type {} and B "
              "of type {} instead",
              A.dtype(), B.dtype());
  EMBER_CHECK(A.device() == B.device(),
              "linalg.solve: Expected all tensors to be on the same device, but found at least "
              "two devices, {} and {}!",
              A.device().str(), B.device().str());
  // A vector right-hand side: B 1-d, or B with A's shape minus its last dim (PyTorch's rule).
  const bool vector_case =
      B.dim() == 1 || (B.dim() == A.dim() - 1 && B.sizes() == A.sizes().slice(0, B.dim()));
  if (!left) {
    EMBER_CHECK(B.dim() >= 2, "linalg.solve: with left=false, B must have at least 2 dimensions");
    return mT(linalg_solve(mT(A), mT(B), true));
  }
  const Tensor Bm = vector_case ? B.unsqueeze(-1) : B;
  const int64_t n = A.size(-1);
  EMBER_CHECK(Bm.size(-2) == n,
              "linalg.solve: Incompatible shapes of A and B for the equation AX = B ({}x{} and "
              "{}x{})",
              A.size(-2), A.size(-1), Bm.size(-2), Bm.size(-1));
  const DimVector batch = detail::broadcast_shapes(batch_shape(A), batch_shape(Bm));
  const Tensor A_b = A.expand(with_matrix(batch, n, n));
  const LuFactors f = lu_of_transpose("linalg.solve", A_b);
  check_info("linalg.solve", LinalgFailure::kSolveSingular, f.info, A_b.dim() > 2);
  const Tensor X =
      solve_with_factors("linalg.solve", f, A_b, Bm.expand(with_matrix(batch, n, Bm.size(-1))));
  return vector_case ? X.squeeze(-1) : X;
}

Tensor linalg_det(const Tensor& A) {
  check_square("linalg.det", A);
  const LuFactors f = lu_of_transpose("linalg.det", A);
  const Tensor det = factors_diagonal(f).prod(-1) * permutation_sign(f, A.dtype());
  return det.view(batch_shape(A));
}

std::tuple<Tensor, Tensor> linalg_slogdet(const Tensor& A) {
  check_square("linalg.slogdet", A);
  const LuFactors f = lu_of_transpose("linalg.slogdet", A);
  const Tensor diagonal = factors_diagonal(f);
  const Tensor sign = diagonal.sign().prod(-1) * permutation_sign(f, A.dtype());
  const Tensor logabsdet = diagonal.abs().log().sum({-1});
  const DimVector batch = batch_shape(A);
  return {sign.view(batch), logabsdet.view(batch)};
}

std::tuple<Tensor, Tensor> linalg_cholesky_ex(const Tensor& A, bool upper, bool check_errors) {
  check_square("linalg.cholesky", A);
  // A in column-major order, factored in the triangle asked for (as PyTorch calls potrf).
  const Tensor factor = owned_batch(mT(A));
  const Tensor info = int32_zeros({factor.size(0)}, A);
  if (factor.numel() > 0) {
    linalg_kernel<Kernel::cholesky>("linalg.cholesky", A)(factor, !upper, info);
  }
  if (check_errors) {
    check_info("linalg.cholesky", LinalgFailure::kNotPositiveDefinite, info, A.dim() > 2);
  }
  return {mT(factor).view(A.sizes()), info.view(batch_shape(A))};
}

std::tuple<Tensor, Tensor> linalg_qr(const Tensor& A, std::string_view mode) {
  check_linalg_input("linalg.qr", A);
  const int64_t m = A.size(-2), n = A.size(-1), k = std::min(m, n);
  const DimVector batch = batch_shape(A);
  // A column-major: A^T row-major, [B, n, m].
  const Tensor factors = owned_batch(mT(A));
  const int64_t count = factors.size(0);
  const Tensor tau = empty({count, k}, A.options());
  if (factors.numel() > 0) linalg_kernel<Kernel::geqrf>("linalg.qr", A)(factors, tau);
  const bool complete = mode == "complete";
  const int64_t r_rows = complete ? m : k;
  const Tensor R = detail::triangle(mT(factors).narrow(-2, 0, r_rows), false).contiguous();
  const Tensor R_out = R.view(with_matrix(batch, r_rows, n));
  if (mode == "r") return {empty({0}, A.options()), R_out};
  const int64_t q_cols = complete ? m : k;
  // Q's columns: the reflectors in the first min(q_cols, n), zeros after.
  const Tensor q = zeros({count, q_cols, m}, A.options());
  const int64_t copied = std::min(q_cols, n);
  q.narrow(1, 0, copied).copy_(factors.narrow(1, 0, copied));
  if (q.numel() > 0) linalg_kernel<Kernel::orgqr>("linalg.qr", A)(q, tau);
  return {mT(q).view(with_matrix(batch, m, q_cols)), R_out};
}

std::tuple<Tensor, Tensor> linalg_eigh(const Tensor& A, bool lower, bool vectors) {
  check_square("linalg.eigh", A);
  const Tensor a = owned_batch(A);
  const int64_t count = a.size(0), n = a.size(-1);
  const Tensor w = empty({count, n}, A.options());
  const Tensor info = int32_zeros({count}, A);
  // The symmetric matrix is its own transpose: row-major lower = column-major upper.
  if (a.numel() > 0) {
    linalg_kernel<Kernel::eigh>("linalg.eigh", A)(a, w, !lower, vectors, info);
  }
  check_info("linalg.eigh", LinalgFailure::kEighNoConvergence, info, A.dim() > 2);
  DimVector values_shape = batch_shape(A);
  values_shape.push_back(n);
  // Eigenvectors as column-major columns: transposed when read row-major.
  return {w.view(values_shape), vectors ? mT(a).view(A.sizes()) : Tensor()};
}

std::tuple<Tensor, Tensor, Tensor> linalg_svd(const Tensor& A, bool full_matrices,
                                              bool compute_uv) {
  check_linalg_input("linalg.svd", A);
  const int64_t m = A.size(-2), n = A.size(-1), k = std::min(m, n);
  const DimVector batch = batch_shape(A);
  // Row-major A is column-major A^T (n x m), whose SVD V S U^T gives A's factors: the kernel's
  // u (n x u_cols, column-major) read row-major is Vh, its vt (vt_rows x m) read row-major is U.
  const Tensor a = owned_batch(A);
  const int64_t count = a.size(0);
  const Tensor s = empty({count, k}, A.options());
  const Tensor info = int32_zeros({count}, A);
  Tensor vh, u;
  const int64_t vh_rows = full_matrices ? n : k, u_cols = full_matrices ? m : k;
  if (compute_uv) {
    vh = empty({count, vh_rows, n}, A.options());
    u = empty({count, m, u_cols}, A.options());
  }
  if (a.numel() > 0) {
    linalg_kernel<Kernel::svd>("linalg.svd", A)(a, s, vh, u, info);
  } else if (compute_uv) {
    // No values to decompose: the identity's leading columns, as LAPACK would give.
    vh.copy_(eye(vh_rows, n, A.options()).expand(vh.sizes()));
    u.copy_(eye(m, u_cols, A.options()).expand(u.sizes()));
  }
  check_info("linalg.svd", LinalgFailure::kSvdNoConvergence, info, A.dim() > 2);
  DimVector s_shape(batch);
  s_shape.push_back(k);
  if (!compute_uv) return {Tensor(), s.view(s_shape), Tensor()};
  return {u.view(with_matrix(batch, m, u_cols)), s.view(s_shape),
          vh.view(with_matrix(batch, vh_rows, n))};
}

}  // namespace native

}  // namespace ember
