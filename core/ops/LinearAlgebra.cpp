// Autograd-free bodies of the matrix products mm, mv, bmm, dot and addmm, all through the
// backend's batched gemm kernel: out[B, M, N] = beta * out + alpha * a[B, M, K] @ b[B, K, N].

#include "core/KernelTable.h"
#include "core/ShapeUtils.h"
#include "core/TensorFactory.h"
#include "core/ops/LinearAlgebraOps.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

namespace detail {

void check_matmul_operands(const char* op, const Tensor& a, const Tensor& b) {
  EMBER_CHECK(a.device() == b.device(),
              "{}: Expected all tensors to be on the same device, but found at least two "
              "devices, {} and {}!",
              op, a.device().str(), b.device().str());
  EMBER_CHECK(a.dtype() == b.dtype(),
              "{}: expected both operands to have the same dtype, but got {} != {}", op, a.dtype(),
              b.dtype());
}

void throw_matmul_shape_mismatch(const char* op, const Tensor& a, const Tensor& b, int64_t ka,
                                 int64_t kb) {
  EMBER_FAIL("{}: shapes {} and {} cannot be multiplied ({} != {})", op, a.sizes(), b.sizes(), ka,
             kb);
}

}  // namespace detail

namespace {

using detail::check_matmul_operands;
using detail::throw_matmul_shape_mismatch;

// [B, M, K] x [B, K, N] -> [B, M, N].
Tensor batched_gemm(const Tensor& a, const Tensor& b) {
  Tensor out = detail::empty_tensor({a.size(0), a.size(1), b.size(2)}, a.dtype(), a.device());
  detail::get_kernel<detail::Kernel::gemm>(a.device().type())(out, a, b, 0, 1);
  return out;
}

// A [rows, cols] matrix with the given element strides, as a batch of one for the gemm kernel.
// Built directly (no unsqueeze chain): small products are dominated by this bookkeeping.
Tensor as_batch(const Tensor& t, int64_t rows, int64_t cols, int64_t row_stride,
                int64_t col_stride) {
  return detail::make_view(t, {1, rows, cols}, {rows * cols, row_stride, col_stride},
                           t.storage_offset());
}

Tensor matrix_as_batch(const Tensor& m) {
  return as_batch(m, m.sizes()[0], m.sizes()[1], m.strides()[0], m.strides()[1]);
}

// out = a @ b for 2-d a and b (checked by the caller).
Tensor matrix_product(const Tensor& a, const Tensor& b) {
  Tensor out = detail::empty_tensor({a.sizes()[0], b.sizes()[1]}, a.dtype(), a.device());
  detail::get_kernel<detail::Kernel::gemm>(a.device().type())(
      matrix_as_batch(out), matrix_as_batch(a), matrix_as_batch(b), 0, 1);
  return out;
}

}  // namespace

namespace native {

Tensor mm(const Tensor& a, const Tensor& b) {
  check_matmul_operands("mm", a, b);
  EMBER_CHECK(a.dim() == 2, "mm: expected the first argument to be a matrix, got {}-D {}", a.dim(),
              a.sizes());
  EMBER_CHECK(b.dim() == 2, "mm: expected the second argument to be a matrix, got {}-D {}", b.dim(),
              b.sizes());
  if (a.size(1) != b.size(0)) throw_matmul_shape_mismatch("mm", a, b, a.size(1), b.size(0));
  return matrix_product(a, b);
}

Tensor bmm(const Tensor& a, const Tensor& b) {
  check_matmul_operands("bmm", a, b);
  EMBER_CHECK(a.dim() == 3 && b.dim() == 3, "bmm: expected 3-D tensors, got {}-D and {}-D", a.dim(),
              b.dim());
  EMBER_CHECK(a.size(0) == b.size(0), "bmm: batch sizes differ: {} and {}", a.sizes(), b.sizes());
  if (a.size(2) != b.size(1)) throw_matmul_shape_mismatch("bmm", a, b, a.size(2), b.size(1));
  return batched_gemm(a, b);
}

Tensor mv(const Tensor& mat, const Tensor& vec) {
  check_matmul_operands("mv", mat, vec);
  EMBER_CHECK(mat.dim() == 2 && vec.dim() == 1,
              "mv: expected a matrix and a vector, got {}-D and {}-D", mat.dim(), vec.dim());
  if (mat.size(1) != vec.size(0))
    throw_matmul_shape_mismatch("mv", mat, vec, mat.size(1), vec.size(0));
  // Any vector stride is fine: the kernel reads strided operands (no copy).
  const int64_t m = mat.sizes()[0], k = vec.sizes()[0];
  Tensor out = detail::empty_tensor({m}, mat.dtype(), mat.device());
  detail::get_kernel<detail::Kernel::gemm>(mat.device().type())(
      as_batch(out, m, 1, 1, 1), matrix_as_batch(mat), as_batch(vec, k, 1, vec.strides()[0], 1), 0,
      1);
  return out;
}

Tensor dot(const Tensor& a, const Tensor& b) {
  check_matmul_operands("dot", a, b);
  EMBER_CHECK(a.dim() == 1 && b.dim() == 1, "1D tensors expected, but got {}D and {}D tensors",
              a.dim(), b.dim());
  EMBER_CHECK(a.size(0) == b.size(0),
              "inconsistent tensor size, expected tensor [{}] and src [{}] to have the same "
              "number of elements, but got {} and {} elements respectively",
              a.size(0), b.size(0), a.size(0), b.size(0));
  const int64_t k = a.sizes()[0];
  Tensor out = detail::empty_tensor({}, a.dtype(), a.device());
  detail::get_kernel<detail::Kernel::gemm>(a.device().type())(
      as_batch(out, 1, 1, 1, 1), as_batch(a, 1, k, k, a.strides()[0]),
      as_batch(b, k, 1, b.strides()[0], 1), 0, 1);
  return out;
}

Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
             const Scalar& alpha) {
  check_matmul_operands("addmm", mat1, mat2);
  check_matmul_operands("addmm", self, mat1);
  EMBER_CHECK(mat1.dim() == 2 && mat2.dim() == 2, "addmm: expected 2-D matrices, got {}-D and {}-D",
              mat1.dim(), mat2.dim());
  if (mat1.size(1) != mat2.size(0)) {
    throw_matmul_shape_mismatch("addmm", mat1, mat2, mat1.size(1), mat2.size(0));
  }
  const DimVector shape{mat1.size(0), mat2.size(1)};
  Tensor out;
  if (beta.toDouble() == 0.0) {
    out = detail::empty_tensor(shape, mat1.dtype(), mat1.device());  // self is ignored
  } else {
    out = self.expand(shape).contiguous();
    if (out.is_same(self) || out.storage().is_alias_of(self.storage())) out = out.clone();
  }
  detail::get_kernel<detail::Kernel::gemm>(mat1.device().type())(
      matrix_as_batch(out), matrix_as_batch(mat1), matrix_as_batch(mat2), beta, alpha);
  return out;
}

}  // namespace native

}  // namespace ember
