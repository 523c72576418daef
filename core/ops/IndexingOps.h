#pragma once

// Indexing along one dimension: the autograd-free bodies of index_select, gather and
// scatter_add_ / scatter_reduce_elements_ (core/ops/IndexSelect.cpp, core/ops/GatherScatter.cpp);
// the public ones are in core/api/Indexing.cpp.

#include "core/KernelSignatures.h"
#include "ember/core/Tensor.h"

namespace ember::native {

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index);
Tensor gather(const Tensor& self, int64_t dim, const Tensor& index);
/// Neither checks autograd's in-place rules nor bumps the version counter.
Tensor& scatter_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
/// self[index] = reduce(self[index], src) with scatter_add_'s checks.
Tensor& scatter_reduce_elements_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                                 detail::ScatterReduction reduce);

}  // namespace ember::native
