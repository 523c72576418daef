#pragma once

// Indexing along one dimension: the autograd-free bodies of index_select, gather and
// scatter_add_ (core/ops/IndexSelect.cpp, core/ops/GatherScatter.cpp); the public ones are in
// core/api/Indexing.cpp.

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index);
Tensor gather(const Tensor& self, int64_t dim, const Tensor& index);
/// Neither checks autograd's in-place rules nor bumps the version counter.
Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);

}  // namespace ember::native
