#pragma once

// Autograd-free bodies of mm, mv, bmm, dot and addmm (core/ops/LinearAlgebra.cpp), and the
// operand checks every matrix product shares. The public ops, which record, and the composites
// matmul and outer are in core/api/LinearAlgebra.cpp.

#include <cstdint>

#include "ember/core/Tensor.h"

namespace ember::detail {

/// Same device and dtype for both operands of `op`, with PyTorch's messages.
void check_matmul_operands(const char* op, const Tensor& a, const Tensor& b);

/// The error of operands whose inner sizes `ka` and `kb` differ.
[[noreturn]] void throw_matmul_shape_mismatch(const char* op, const Tensor& a, const Tensor& b,
                                              int64_t ka, int64_t kb);

}  // namespace ember::detail

namespace ember::native {

Tensor mm(const Tensor& a, const Tensor& b);
Tensor bmm(const Tensor& a, const Tensor& b);
Tensor mv(const Tensor& mat, const Tensor& vec);
Tensor dot(const Tensor& a, const Tensor& b);
Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta,
             const Scalar& alpha);

}  // namespace ember::native
