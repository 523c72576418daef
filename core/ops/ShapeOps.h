#pragma once

// Autograd-free bodies of the shape ops (core/ops/Reorder.cpp, Triangular.cpp,
// IndexAlongDim.cpp, MaskedScatter.cpp, Padding.cpp). They are written in public ops over
// the kernels gather, index_select, index_put_, scatter_add and where, so that they run on
// every device those run on; the public front ends (core/api/Shape*.cpp) call them below
// autograd and record the op's own node.

#include <string_view>

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor flip(const Tensor& t, IntArrayRef dims);
Tensor roll(const Tensor& t, IntArrayRef shifts, IntArrayRef dims);
Tensor repeat(const Tensor& t, IntArrayRef repeats);

/// The bool [rows, cols] mask of tril (lower) / triu on `device`.
Tensor triangle_mask(int64_t rows, int64_t cols, int64_t diagonal, bool lower, Device device);
Tensor tril(const Tensor& t, int64_t diagonal);
Tensor triu(const Tensor& t, int64_t diagonal);
Tensor diagonal(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2);
Tensor diag_embed(const Tensor& t, int64_t offset, int64_t dim1, int64_t dim2);
Tensor trace(const Tensor& t);

// In place, neither checking autograd's rules nor bumping the version (InplaceGuard does).
Tensor& index_add_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                   const Scalar& alpha);
Tensor& index_copy_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& source);
Tensor& index_fill_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& value);
Tensor& scatter_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor& scatter_reduce_(Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                        std::string_view reduce, bool include_self);
Tensor masked_select(const Tensor& t, const Tensor& mask);
Tensor& masked_scatter_(Tensor& self, const Tensor& mask, const Tensor& source);

Tensor constant_pad_nd(const Tensor& t, IntArrayRef pad, const Scalar& value);
/// Reflection (`replicate` false) or replication padding of the last pad.size() / 2 dims.
Tensor index_pad(const Tensor& t, IntArrayRef pad, bool replicate);
/// The input position each output position of one padded dim reads (int64 on `device`);
/// `mode` 0 reflect, 1 replicate, 2 circular.
Tensor pad_source_index(int64_t size, int64_t left, int64_t right, int mode, Device device);

}  // namespace ember::native
