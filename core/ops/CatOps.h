#pragma once

// Autograd-free bodies of cat and stack (core/ops/Cat.cpp); the public ones are in
// core/api/Cat.cpp.

#include "ember/core/Tensor.h"

namespace ember::native {

/// PyTorch's legacy rule: cat skips 1-d empty tensors (shape [0]) whatever the others' shape.
bool skipped_by_cat(const Tensor& t);
Tensor cat(ArrayRef<Tensor> tensors, int64_t dim);
Tensor stack(ArrayRef<Tensor> tensors, int64_t dim);

}  // namespace ember::native
