#pragma once

// Linear algebra beyond the matrix products: torch::linalg's functions in ember::linalg, and
// the top-level names libtorch also has (inverse, det, slogdet, logdet, cholesky,
// matrix_power, pinverse, einsum, tensordot, kron, cross). Every function works on batches
// of matrices (any leading dims) of float32 or float64; complex dtypes are not supported.
// The factorizations run on LAPACK on the CPU (a build without LAPACK throws "<op>: needs
// LAPACK, which this build of Ember does not have") and on cuSOLVER on CUDA.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

#include "ember/core/ArrayRef.h"
#include "ember/core/Dtype.h"
#include "ember/core/Export.h"
#include "ember/core/Scalar.h"
#include "ember/core/Tensor.h"

namespace ember {

/// libtorch's OptionalIntArrayRef: a list of dims ({0, 2}, a vector, an IntArrayRef) or none
/// (std::nullopt). Like IntArrayRef it does not own the dims: pass it, do not keep it.
class OptionalIntArrayRef {
 public:
  OptionalIntArrayRef() = default;
  /* implicit */ OptionalIntArrayRef(std::nullopt_t) {}                    // NOLINT
  /* implicit */ OptionalIntArrayRef(IntArrayRef dims) : dims_(dims) {}    // NOLINT
  /* implicit */ OptionalIntArrayRef(std::initializer_list<int64_t> dims)  // NOLINT
      : dims_(IntArrayRef(dims)) {}
  /* implicit */ OptionalIntArrayRef(const std::vector<int64_t>& dims)  // NOLINT
      : dims_(IntArrayRef(dims)) {}
  bool has_value() const { return dims_.has_value(); }
  IntArrayRef operator*() const { return *dims_; }
  const IntArrayRef* operator->() const { return &*dims_; }

 private:
  std::optional<IntArrayRef> dims_;
};

namespace linalg {

/// A^-1; a singular matrix is an error naming the zero pivot, as PyTorch.
EMBER_API Tensor inv(const Tensor& A);
/// (A^-1, info): info[b] > 0 marks a singular batch element (its inverse is then garbage)
/// instead of an error, unless check_errors.
EMBER_API std::tuple<Tensor, Tensor> inv_ex(const Tensor& A, bool check_errors = false);
/// X with A X = B (left) or X A = B; B may be a vector (or a batch of vectors), batch dims
/// broadcast.
EMBER_API Tensor solve(const Tensor& A, const Tensor& B, bool left = true);
EMBER_API Tensor det(const Tensor& A);
/// (sign, log|det A|); a singular matrix gives (0, -inf).
EMBER_API std::tuple<Tensor, Tensor> slogdet(const Tensor& A);
/// L with A = L L^T, reading A's lower triangle (upper: U with A = U^T U, reading the upper).
EMBER_API Tensor cholesky(const Tensor& A, bool upper = false);
EMBER_API std::tuple<Tensor, Tensor> cholesky_ex(const Tensor& A, bool upper = false,
                                                 bool check_errors = false);
/// (Q, R); mode "reduced" (default), "complete" or "r" (Q is then empty).
EMBER_API std::tuple<Tensor, Tensor> qr(const Tensor& A, std::string_view mode = "reduced");
/// (eigenvalues ascending, eigenvectors as columns) of a symmetric matrix, reading the
/// triangle `uplo` ("L" or "U").
EMBER_API std::tuple<Tensor, Tensor> eigh(const Tensor& A, std::string_view uplo = "L");
EMBER_API Tensor eigvalsh(const Tensor& A, std::string_view uplo = "L");
/// (U, S, Vh) with A = U diag(S) Vh, S descending. `driver` is CUDA-only in PyTorch: only
/// nullopt is accepted.
EMBER_API std::tuple<Tensor, Tensor, Tensor> svd(
    const Tensor& A, bool full_matrices = true,
    std::optional<std::string_view> driver = std::nullopt);
EMBER_API Tensor svdvals(const Tensor& A, std::optional<std::string_view> driver = std::nullopt);
/// The vector ord-norm over `dim` (all elements when nullopt); `dtype` converts first.
EMBER_API Tensor vector_norm(const Tensor& x, const Scalar& ord = 2,
                             OptionalIntArrayRef dim = std::nullopt, bool keepdim = false,
                             std::optional<Dtype> dtype = std::nullopt);
/// Matrix norms over the two dims `dim`: ord "fro", "nuc", 2, -2, 1, -1, inf, -inf.
EMBER_API Tensor matrix_norm(const Tensor& A, const Scalar& ord, IntArrayRef dim = {-2, -1},
                             bool keepdim = false, std::optional<Dtype> dtype = std::nullopt);
EMBER_API Tensor matrix_norm(const Tensor& A, std::string_view ord = "fro",
                             IntArrayRef dim = {-2, -1}, bool keepdim = false,
                             std::optional<Dtype> dtype = std::nullopt);
/// A string literal order ("fro", "nuc") picks the string overload, not Scalar's bool.
inline Tensor matrix_norm(const Tensor& A, const char* ord, IntArrayRef dim = {-2, -1},
                          bool keepdim = false, std::optional<Dtype> dtype = std::nullopt) {
  return matrix_norm(A, std::string_view(ord), dim, keepdim, dtype);
}
/// vector_norm or matrix_norm as torch.linalg.norm picks: no ord and no dim gives the
/// 2-norm of the flattened input.
EMBER_API Tensor norm(const Tensor& A, const std::optional<Scalar>& ord = std::nullopt,
                      OptionalIntArrayRef dim = std::nullopt, bool keepdim = false,
                      std::optional<Dtype> dtype = std::nullopt);
EMBER_API Tensor norm(const Tensor& A, std::string_view ord, OptionalIntArrayRef dim = std::nullopt,
                      bool keepdim = false, std::optional<Dtype> dtype = std::nullopt);
inline Tensor norm(const Tensor& A, const char* ord, OptionalIntArrayRef dim = std::nullopt,
                   bool keepdim = false, std::optional<Dtype> dtype = std::nullopt) {
  return norm(A, std::string_view(ord), dim, keepdim, dtype);
}
/// Moore-Penrose pseudo-inverse through the SVD (eigh when hermitian); singular values at
/// most rcond * the largest count as zero.
EMBER_API Tensor pinv(const Tensor& A, double rcond = 1e-15, bool hermitian = false);
/// A^n by repeated squaring; n < 0 inverts first, n = 0 gives the identity.
EMBER_API Tensor matrix_power(const Tensor& A, int64_t n);
/// (solution, residuals, rank, singular_values) of min ||A X - B||, as PyTorch's CPU
/// drivers: "gelsy" (default) returns the rank, "gelsd"/"gelss" also the singular values and
/// (m > n, full rank) the squared residuals; "gels" neither.
EMBER_API std::tuple<Tensor, Tensor, Tensor, Tensor> lstsq(
    const Tensor& A, const Tensor& B, std::optional<double> rcond = std::nullopt,
    std::optional<std::string_view> driver = std::nullopt);
/// Cross product of 3-vectors along `dim`.
EMBER_API Tensor cross(const Tensor& a, const Tensor& b, int64_t dim = -1);

}  // namespace linalg

EMBER_API Tensor inverse(const Tensor& A);
EMBER_API Tensor det(const Tensor& A);
EMBER_API std::tuple<Tensor, Tensor> slogdet(const Tensor& A);
/// log(det A): NaN for a negative determinant, -inf for a singular matrix.
EMBER_API Tensor logdet(const Tensor& A);
EMBER_API Tensor cholesky(const Tensor& A, bool upper = false);
/// (Q, R) as linalg::qr with mode "reduced" (some) or "complete" (torch.qr).
EMBER_API std::tuple<Tensor, Tensor> qr(const Tensor& A, bool some = true);
/// (U, S, V) with A = U diag(S) V^T: V itself, not linalg::svd's Vh (torch.svd). some gives
/// the reduced factors; without compute_uv U and V are zeros of shape [..., m, m] and
/// [..., n, n] (some is then ignored), as PyTorch.
EMBER_API std::tuple<Tensor, Tensor, Tensor> svd(const Tensor& A, bool some = true,
                                                 bool compute_uv = true);
EMBER_API Tensor matrix_power(const Tensor& A, int64_t n);
EMBER_API Tensor pinverse(const Tensor& A, double rcond = 1e-15);
/// Cross product along `dim`; without one, the first dim of size 3 (libtorch's default).
EMBER_API Tensor cross(const Tensor& a, const Tensor& b, std::optional<int64_t> dim = std::nullopt);
/// Einstein summation with PyTorch's rules: ellipsis, repeated subscripts of one operand
/// take the diagonal, the implicit output is the once-seen subscripts sorted, sizes of 1
/// broadcast; contracted left to right through bmm.
EMBER_API Tensor einsum(std::string_view equation, ArrayRef<Tensor> tensors);
/// Contracts dims_a of a with dims_b of b; the result has a's remaining dims then b's.
EMBER_API Tensor tensordot(const Tensor& a, const Tensor& b, IntArrayRef dims_a,
                           IntArrayRef dims_b);
/// tensordot over the last `dims` dims of a and the first `dims` of b.
EMBER_API Tensor tensordot(const Tensor& a, const Tensor& b, int64_t dims = 2);
/// Kronecker product.
EMBER_API Tensor kron(const Tensor& a, const Tensor& b);

}  // namespace ember
