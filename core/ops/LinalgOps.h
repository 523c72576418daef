#pragma once

// Linear algebra's autograd-free bodies (core/ops/Linalg.cpp: the factorizations on the
// backend's LAPACK-level kernels) and the helpers the public ops (core/api/Linalg.cpp) and
// their backward formulas (autograd/formulas/LinalgFormulas.cpp) share. The helpers are
// written in public ops, so what they build is differentiable.

#include <cstdint>
#include <string_view>
#include <tuple>

#include "core/KernelTable.h"
#include "ember/core/Dtype.h"
#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember::detail {

/// "<op>: needs LAPACK, which this build of Ember does not have" on the CPU, "<op>: not
/// implemented for <dtype> on <device>" on other devices: a factorization kernel is missing.
[[noreturn]] EMBER_INTERNAL_API void throw_missing_linalg_kernel(const char* op, DeviceType device,
                                                                 Dtype dtype);

/// The factorization kernel K for t's device, or the error above.
template <Kernel K>
inline typename KernelSignature<K>::type linalg_kernel(const char* op, const Tensor& t) {
  const DeviceType device = t.device().type();
  if (!has_kernel(K, device)) throw_missing_linalg_kernel(op, device, t.dtype());
  return get_kernel<K>(device);
}

/// A float32/float64 input of at least 2 dims, with PyTorch's messages.
EMBER_INTERNAL_API void check_linalg_input(const char* op, const Tensor& A);
/// ... whose last two dims are equal.
EMBER_INTERNAL_API void check_square(const char* op, const Tensor& A);

/// The last two dims swapped (PyTorch's mT).
inline Tensor mT(const Tensor& t) { return t.transpose(-2, -1); }
/// The main diagonal of each matrix, [..., min(m, n)].
EMBER_INTERNAL_API Tensor matrix_diagonal(const Tensor& A);
/// Square matrices with `v` ([..., n]) on the diagonal.
EMBER_INTERNAL_API Tensor diag_embed_last(const Tensor& v);
/// The lower (j <= i + k) or upper (j >= i + k) triangle of each matrix, the rest zero.
EMBER_INTERNAL_API Tensor triangle(const Tensor& A, bool lower, int64_t k = 0);

}  // namespace ember::detail

namespace ember::native {

/// (A^-1, int32 info): info > 0 for a singular matrix; an error then when check_errors.
std::tuple<Tensor, Tensor> linalg_inv_ex(const Tensor& A, bool check_errors);
Tensor linalg_solve(const Tensor& A, const Tensor& B, bool left);
Tensor linalg_det(const Tensor& A);
std::tuple<Tensor, Tensor> linalg_slogdet(const Tensor& A);
std::tuple<Tensor, Tensor> linalg_cholesky_ex(const Tensor& A, bool upper, bool check_errors);
/// mode: "reduced", "complete" or "r" (validated by the caller).
std::tuple<Tensor, Tensor> linalg_qr(const Tensor& A, std::string_view mode);
std::tuple<Tensor, Tensor> linalg_eigh(const Tensor& A, bool lower, bool vectors);
/// (U, S, Vh); U and Vh undefined without compute_uv.
std::tuple<Tensor, Tensor, Tensor> linalg_svd(const Tensor& A, bool full_matrices, bool compute_uv);

}  // namespace ember::native
