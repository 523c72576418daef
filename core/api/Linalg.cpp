// ember::linalg's public functions, the top-level names libtorch also has and their Tensor
// methods. The factorizations run their bodies (core/ops/Linalg.cpp)
// and record one node each (formulas in autograd/formulas/LinalgFormulas.cpp); norms, pinv,
// matrix_power, lstsq and cross are composites of public ops, as PyTorch's are, so their
// pieces record and they run on every device the pieces do.

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "core/AutogradHooks.h"
#include "core/ShapeUtils.h"
#include "core/ops/LinalgOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"
#include "ember/core/functions/Linalg.h"

namespace ember {

using detail::GradOp;
using detail::mT;
using detail::OpAttrs;

namespace {

// Records `outputs = op(inputs)` for an op with several outputs.
void record_outputs(GradOp op, std::initializer_list<Tensor> inputs,
                    std::initializer_list<Tensor> outputs, OpAttrs&& attrs = {}) {
  detail::autograd_hooks().record(op, ArrayRef<Tensor>(inputs), ArrayRef<Tensor>(outputs),
                                  std::move(attrs));
}

// qr's mode as recorded (OpAttrs::int0).
int64_t qr_mode_code(std::string_view mode) {
  if (mode == "reduced") return 0;
  if (mode == "complete") return 1;
  if (mode == "r") return 2;
  EMBER_FAIL(
      "qr received unrecognized mode '{}' but expected one of 'reduced' (default), 'r', or "
      "'complete'",
      mode);
}

bool uplo_is_lower(std::string_view uplo) {
  EMBER_CHECK(uplo == "L" || uplo == "U" || uplo == "l" || uplo == "u",
              "Expected UPLO argument to be 'L' or 'U', but got {}", uplo);
  return uplo == "L" || uplo == "l";
}

void check_svd_driver(std::optional<std::string_view> driver) {
  EMBER_CHECK(!driver.has_value(),
              "torch.linalg.svd: keyword argument `driver=` is only supported on CUDA inputs "
              "with cuSOLVER backend.");
}

// The dims `dim` of a tensor of `ndim` dims, wrapped, in order.
DimVector wrapped_dims(IntArrayRef dim, int64_t ndim) {
  DimVector out;
  for (int64_t d : dim) out.push_back(detail::wrap_dim(d, ndim));
  return out;
}

// A with the two dims moved last (for the norms taken through the SVD).
Tensor with_dims_last(const Tensor& A, int64_t d0, int64_t d1) {
  DimVector order;
  for (int64_t i = 0; i < A.dim(); ++i) {
    if (i != d0 && i != d1) order.push_back(i);
  }
  order.push_back(d0);
  order.push_back(d1);
  return A.permute(order);
}

// Reinserts the two reduced dims (sorted) as size 1.
Tensor keep_two_dims(Tensor t, int64_t d0, int64_t d1) {
  t = t.unsqueeze(std::min(d0, d1));
  return t.unsqueeze(std::max(d0, d1));
}

Tensor max_over(const Tensor& t, int64_t dim, bool keepdim) {
  return std::get<0>(ember::max(t, dim, keepdim));
}
Tensor min_over(const Tensor& t, int64_t dim, bool keepdim) {
  return std::get<0>(ember::min(t, dim, keepdim));
}

}  // namespace

namespace linalg {

std::tuple<Tensor, Tensor> inv_ex(const Tensor& A, bool check_errors) {
  if (!detail::should_record(A)) return native::linalg_inv_ex(A, check_errors);
  auto [inverse, info] =
      detail::below_autograd([&] { return native::linalg_inv_ex(A, check_errors); });
  detail::record(GradOp::linalg_inv, {A}, inverse);
  return {inverse, info};
}

Tensor inv(const Tensor& A) { return std::get<0>(inv_ex(A, true)); }

// flag0 = left.
Tensor solve(const Tensor& A, const Tensor& B, bool left) {
  if (!detail::should_record(A, B)) return native::linalg_solve(A, B, left);
  Tensor X = detail::below_autograd([&] { return native::linalg_solve(A, B, left); });
  OpAttrs attrs;
  attrs.flag0 = left;
  detail::record(GradOp::linalg_solve, {A, B}, X, std::move(attrs));
  return X;
}

Tensor det(const Tensor& A) {
  if (!detail::should_record(A)) return native::linalg_det(A);
  Tensor d = detail::below_autograd([&] { return native::linalg_det(A); });
  detail::record(GradOp::linalg_det, {A}, d);
  return d;
}

std::tuple<Tensor, Tensor> slogdet(const Tensor& A) {
  if (!detail::should_record(A)) return native::linalg_slogdet(A);
  auto [sign, logabsdet] = detail::below_autograd([&] { return native::linalg_slogdet(A); });
  record_outputs(GradOp::linalg_slogdet, {A}, {sign, logabsdet});
  return {sign, logabsdet};
}

// flag0 = upper.
std::tuple<Tensor, Tensor> cholesky_ex(const Tensor& A, bool upper, bool check_errors) {
  if (!detail::should_record(A)) return native::linalg_cholesky_ex(A, upper, check_errors);
  auto [L, info] =
      detail::below_autograd([&] { return native::linalg_cholesky_ex(A, upper, check_errors); });
  OpAttrs attrs;
  attrs.flag0 = upper;
  detail::record(GradOp::linalg_cholesky, {A}, L, std::move(attrs));
  return {L, info};
}

Tensor cholesky(const Tensor& A, bool upper) { return std::get<0>(cholesky_ex(A, upper, true)); }

// int0 = mode (0 reduced, 1 complete, 2 r).
std::tuple<Tensor, Tensor> qr(const Tensor& A, std::string_view mode) {
  const int64_t code = qr_mode_code(mode);
  if (!detail::should_record(A)) return native::linalg_qr(A, mode);
  auto [Q, R] = detail::below_autograd([&] { return native::linalg_qr(A, mode); });
  OpAttrs attrs;
  attrs.int0 = code;
  record_outputs(GradOp::linalg_qr, {A}, {Q, R}, std::move(attrs));
  return {Q, R};
}

std::tuple<Tensor, Tensor> eigh(const Tensor& A, std::string_view uplo) {
  const bool lower = uplo_is_lower(uplo);
  if (!detail::should_record(A)) return native::linalg_eigh(A, lower, true);
  auto [L, V] = detail::below_autograd([&] { return native::linalg_eigh(A, lower, true); });
  record_outputs(GradOp::linalg_eigh, {A}, {L, V});
  return {L, V};
}

Tensor eigvalsh(const Tensor& A, std::string_view uplo) {
  // The eigenvalues' gradient needs the eigenvectors (as PyTorch, computed only then).
  if (detail::should_record(A)) return std::get<0>(eigh(A, uplo));
  return std::get<0>(native::linalg_eigh(A, uplo_is_lower(uplo), false));
}

// flag0 = full_matrices.
std::tuple<Tensor, Tensor, Tensor> svd(const Tensor& A, bool full_matrices,
                                       std::optional<std::string_view> driver) {
  check_svd_driver(driver);
  if (!detail::should_record(A)) return native::linalg_svd(A, full_matrices, true);
  auto [U, S, Vh] =
      detail::below_autograd([&] { return native::linalg_svd(A, full_matrices, true); });
  OpAttrs attrs;
  attrs.flag0 = full_matrices;
  record_outputs(GradOp::linalg_svd, {A}, {U, S, Vh}, std::move(attrs));
  return {U, S, Vh};
}

Tensor svdvals(const Tensor& A, std::optional<std::string_view> driver) {
  check_svd_driver(driver);
  if (detail::should_record(A)) return std::get<1>(svd(A, false, driver));
  return std::get<1>(native::linalg_svd(A, false, false));
}

Tensor vector_norm(const Tensor& x, const Scalar& ord, OptionalIntArrayRef dim, bool keepdim,
                   std::optional<Dtype> dtype) {
  if (!is_floating_type(x.dtype())) {
    EMBER_NOT_IMPLEMENTED(
        "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {}",
        x.dtype());
  }
  const Tensor input = dtype.has_value() ? x.to(*dtype) : x;
  DimVector dims;
  if (dim.has_value()) {
    dims = wrapped_dims(*dim, input.dim());
  } else {
    for (int64_t i = 0; i < input.dim(); ++i) dims.push_back(i);
  }
  if (input.dim() == 0) return ember::norm(input.reshape({1}), ord, {0}, false).view({});
  return ember::norm(input, ord, dims, keepdim);
}

Tensor matrix_norm(const Tensor& A, const Scalar& ord, IntArrayRef dim, bool keepdim,
                   std::optional<Dtype> dtype) {
  detail::check_linalg_input("linalg.matrix_norm", A);
  EMBER_CHECK(dim.size() == 2, "linalg.matrix_norm: dim must be a 2-tuple. Got {}", dim);
  const Tensor input = dtype.has_value() ? A.to(*dtype) : A;
  const DimVector dims = wrapped_dims(dim, input.dim());
  const int64_t d0 = dims[0], d1 = dims[1];
  EMBER_CHECK(d0 != d1, "linalg.matrix_norm: dims must be different. Got ({}, {})", dim[0], dim[1]);
  const double p = ord.toDouble();
  const double inf = std::numeric_limits<double>::infinity();
  if (p == 2 || p == -2) {
    const Tensor s = svdvals(with_dims_last(input, d0, d1));
    const Tensor r = p > 0 ? max_over(s, -1, false) : min_over(s, -1, false);
    return keepdim ? keep_two_dims(r, d0, d1) : r;
  }
  EMBER_CHECK(p == 1 || p == -1 || p == inf || p == -inf,
              "linalg.matrix_norm: Order {} not supported.", ord.toDouble());
  // 1-norms: the extreme column sum (sum over d0, extreme over d1); inf-norms the row sums.
  const bool columns = p == 1 || p == -1;
  const int64_t summed = columns ? d0 : d1, extreme = columns ? d1 : d0;
  const Tensor sums = input.abs().sum({summed}, true);
  Tensor r = p > 0 ? max_over(sums, extreme, true) : min_over(sums, extreme, true);
  if (!keepdim) r = r.squeeze(std::max(d0, d1)).squeeze(std::min(d0, d1));
  return r;
}

Tensor matrix_norm(const Tensor& A, std::string_view ord, IntArrayRef dim, bool keepdim,
                   std::optional<Dtype> dtype) {
  detail::check_linalg_input("linalg.matrix_norm", A);
  EMBER_CHECK(ord == "fro" || ord == "nuc", "linalg.matrix_norm: Order {} not supported.", ord);
  EMBER_CHECK(dim.size() == 2, "linalg.matrix_norm: dim must be a 2-tuple. Got {}", dim);
  const Tensor input = dtype.has_value() ? A.to(*dtype) : A;
  if (ord == "fro") return vector_norm(input, 2, dim, keepdim);
  const DimVector dims = wrapped_dims(dim, input.dim());
  const Tensor r = svdvals(with_dims_last(input, dims[0], dims[1])).sum({-1});
  return keepdim ? keep_two_dims(r, dims[0], dims[1]) : r;
}

Tensor norm(const Tensor& A, const std::optional<Scalar>& ord, OptionalIntArrayRef dim,
            bool keepdim, std::optional<Dtype> dtype) {
  if (dim.has_value()) {
    EMBER_CHECK(dim->size() == 1 || dim->size() == 2,
                "linalg.norm: If dim is specified, it must be of length 1 or 2. Got {}", *dim);
    if (dim->size() == 1) return vector_norm(A, ord.value_or(2), *dim, keepdim, dtype);
    if (!ord.has_value()) return matrix_norm(A, "fro", *dim, keepdim, dtype);
    return matrix_norm(A, *ord, *dim, keepdim, dtype);
  }
  if (ord.has_value()) {
    EMBER_CHECK(A.dim() == 1 || A.dim() == 2,
                "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
                "Got {}D.",
                A.dim());
    if (A.dim() == 1) return vector_norm(A, *ord, std::nullopt, keepdim, dtype);
    return matrix_norm(A, *ord, {-2, -1}, keepdim, dtype);
  }
  return vector_norm(A, 2, std::nullopt, keepdim, dtype);
}

Tensor norm(const Tensor& A, std::string_view ord, OptionalIntArrayRef dim, bool keepdim,
            std::optional<Dtype> dtype) {
  if (dim.has_value()) {
    EMBER_CHECK(dim->size() == 2,
                "linalg.norm: If dim is specified, it mut be of length 1 or 2. Got {}", *dim);
    return matrix_norm(A, ord, *dim, keepdim, dtype);
  }
  EMBER_CHECK(A.dim() == 2,
              "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got "
              "{}D.",
              A.dim());
  return matrix_norm(A, ord, {-2, -1}, keepdim, dtype);
}

Tensor pinv(const Tensor& A, double rcond, bool hermitian) {
  detail::check_linalg_input("linalg.pinv", A);
  if (hermitian) {
    auto [L, V] = eigh(A);
    const Tensor magnitude = L.abs();
    const Tensor threshold = max_over(magnitude, -1, true) * rcond;
    const Tensor L_pinv = where(magnitude.gt(threshold), L.reciprocal(), zeros_like(L));
    return matmul(V * L_pinv.unsqueeze(-2), mT(V));
  }
  auto [U, S, Vh] = linalg::svd(A, false);
  // S is descending: its first value is the largest.
  const Tensor threshold = S.narrow(-1, 0, std::min<int64_t>(S.size(-1), 1)) * rcond;
  const Tensor S_pinv = where(S.gt(threshold), S.reciprocal(), zeros_like(S));
  return matmul(mT(Vh) * S_pinv.unsqueeze(-2), mT(U));
}

Tensor matrix_power(const Tensor& A, int64_t n) {
  detail::check_square("linalg.matrix_power", A);
  if (n == 0) return eye(A.size(-1), A.options()).expand(A.sizes()).clone();
  const Tensor base = n < 0 ? inv(A) : A;
  int64_t e = n < 0 ? -n : n;
  // As PyTorch: small powers directly, larger ones by binary decomposition.
  if (e == 1) return base.clone();
  if (e == 2) return matmul(base, base);
  if (e == 3) return matmul(matmul(base, base), base);
  Tensor z, result;
  while (e > 0) {
    const bool bit = (e & 1) != 0;
    e >>= 1;
    z = z.defined() ? matmul(z, z) : base;
    if (bit) result = result.defined() ? matmul(result, z) : z;
  }
  return result;
}

std::tuple<Tensor, Tensor, Tensor, Tensor> lstsq(const Tensor& A, const Tensor& B,
                                                 std::optional<double> rcond,
                                                 std::optional<std::string_view> driver) {
  detail::check_linalg_input("torch.linalg.lstsq", A);
  EMBER_CHECK(A.dtype() == B.dtype(),
              "torch.linalg.lstsq: Expected input and other to have the same dtype, but got "
              "input's dtype {} and other's dtype {}",
              A.dtype(), B.dtype());
  const std::string_view name = driver.value_or("gelsy");
  EMBER_CHECK(name == "gels" || name == "gelsy" || name == "gelsd" || name == "gelss",
              "torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, "
              "gelss)");
  // A vector right-hand side has one dim fewer than A.
  const bool vector_case = B.dim() == A.dim() - 1;
  const Tensor Bm = vector_case ? B.unsqueeze(-1) : B;
  EMBER_CHECK(Bm.dim() >= 2, "torch.linalg.lstsq: other must have at least 1 dimension.");
  EMBER_CHECK(A.size(-2) == Bm.size(-2),
              "torch.linalg.lstsq: input.size(-2) should match other.size(-2)");
  const int64_t m = A.size(-2), n = A.size(-1);
  const double eps = A.dtype() == kFloat ? std::numeric_limits<float>::epsilon()
                                         : std::numeric_limits<double>::epsilon();
  const double cutoff = rcond.value_or(eps * static_cast<double>(std::max(m, n)));
  Tensor solution = matmul(pinv(A, std::max(cutoff, 0.0)), Bm);
  const TensorOptions options = A.options();
  Tensor residuals = empty({0}, options);
  Tensor rank = empty({0}, TensorOptions().dtype(kLong).device(A.device()));
  Tensor singular_values = empty({0}, options);
  if (name != "gels") {
    const Tensor S = detail::below_autograd([&] { return svdvals(A); });
    const Tensor threshold = S.narrow(-1, 0, std::min<int64_t>(S.size(-1), 1)) * cutoff;
    rank = S.gt(threshold).sum({-1});
    if (name != "gelsy") singular_values = S;
    // The squared residuals, for the SVD drivers, when every matrix is tall and full-rank.
    if (name != "gelsy" && m > n && rank.eq(n).all().item<bool>()) {
      residuals = (matmul(A, solution) - Bm).pow(2).sum({-2});
      if (vector_case) residuals = residuals.squeeze(-1);
    }
  }
  if (vector_case) solution = solution.squeeze(-1);
  return {solution, residuals, rank, singular_values};
}

Tensor cross(const Tensor& a, const Tensor& b, int64_t dim) {
  EMBER_CHECK(a.dim() == b.dim(), "linalg.cross: inputs must have the same number of dimensions.");
  EMBER_CHECK(a.dtype() == b.dtype(),
              "linalg.cross: expected both inputs to have the same dtype, but got {} and {}",
              a.dtype(), b.dtype());
  const int64_t d = detail::wrap_dim(dim, a.dim());
  EMBER_CHECK(a.size(d) == 3 && b.size(d) == 3,
              "linalg.cross: inputs dimension {} must have length 3. Got {} and {}", dim, a.size(d),
              b.size(d));
  const DimVector shape = detail::broadcast_shapes(a.sizes(), b.sizes());
  const Tensor x = a.expand(shape), y = b.expand(shape);
  auto part = [d](const Tensor& t, int64_t i) { return t.narrow(d, i, 1); };
  return cat({part(x, 1) * part(y, 2) - part(x, 2) * part(y, 1),
              part(x, 2) * part(y, 0) - part(x, 0) * part(y, 2),
              part(x, 0) * part(y, 1) - part(x, 1) * part(y, 0)},
             d);
}

}  // namespace linalg

Tensor inverse(const Tensor& A) { return linalg::inv(A); }
Tensor det(const Tensor& A) { return linalg::det(A); }
std::tuple<Tensor, Tensor> slogdet(const Tensor& A) { return linalg::slogdet(A); }

Tensor logdet(const Tensor& A) {
  auto [sign, logabsdet] = linalg::slogdet(A);
  // log of a negative determinant is NaN; a singular matrix gives -inf (sign 0 is kept so).
  return where(sign.lt(0), full_like(logabsdet, std::numeric_limits<double>::quiet_NaN()),
               logabsdet);
}

Tensor cholesky(const Tensor& A, bool upper) { return linalg::cholesky(A, upper); }

std::tuple<Tensor, Tensor> qr(const Tensor& A, bool some) {
  return linalg::qr(A, some ? "reduced" : "complete");
}

std::tuple<Tensor, Tensor, Tensor> svd(const Tensor& A, bool some, bool compute_uv) {
  EMBER_CHECK(A.dim() >= 2,
              "linalg.svd: input should have at least 2 dimensions, but has {} dimensions instead",
              A.dim());
  if (compute_uv) {
    auto [U, S, Vh] = linalg::svd(A, !some);
    return {U, S, mT(Vh)};
  }
  // As PyTorch: U and V of the full shapes, zero-filled.
  const int64_t m = A.size(-2), n = A.size(-1);
  DimVector u_shape(A.sizes()), v_shape(A.sizes());
  u_shape.back() = m;
  v_shape[v_shape.size() - 2] = n;
  return {zeros(u_shape, A.options()), linalg::svdvals(A), zeros(v_shape, A.options())};
}
Tensor matrix_power(const Tensor& A, int64_t n) { return linalg::matrix_power(A, n); }
Tensor pinverse(const Tensor& A, double rcond) { return linalg::pinv(A, rcond); }

Tensor cross(const Tensor& a, const Tensor& b, std::optional<int64_t> dim) {
  if (dim.has_value()) return linalg::cross(a, b, *dim);
  // libtorch's default: the first dim of size 3.
  const DimVector shape = detail::broadcast_shapes(a.sizes(), b.sizes());
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 3) return linalg::cross(a, b, static_cast<int64_t>(i));
  }
  EMBER_FAIL("no dimension of size 3 in input");
}

Tensor Tensor::inverse() const { return ember::inverse(*this); }
Tensor Tensor::det() const { return ember::det(*this); }
Tensor Tensor::logdet() const { return ember::logdet(*this); }
std::tuple<Tensor, Tensor> Tensor::slogdet() const { return ember::slogdet(*this); }
Tensor Tensor::cholesky(bool upper) const { return ember::cholesky(*this, upper); }
std::tuple<Tensor, Tensor> Tensor::qr(bool some) const { return ember::qr(*this, some); }
std::tuple<Tensor, Tensor, Tensor> Tensor::svd(bool some, bool compute_uv) const {
  return ember::svd(*this, some, compute_uv);
}
Tensor Tensor::pinverse(double rcond) const { return ember::pinverse(*this, rcond); }
Tensor Tensor::matrix_power(int64_t n) const { return ember::matrix_power(*this, n); }
Tensor Tensor::cross(const Tensor& other, std::optional<int64_t> dim) const {
  return ember::cross(*this, other, dim);
}
Tensor Tensor::kron(const Tensor& other) const { return ember::kron(*this, other); }

}  // namespace ember
