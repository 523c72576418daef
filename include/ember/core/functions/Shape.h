#pragma once

// Shape ops as free functions (torch.flip, torch.roll, ..., torch.nn.functional.pad's
// at::pad): reordering, repeating, triangles and diagonals, moving and broadcasting dims,
// indexing along one dim, masked selection, stacking and padding. Each Tensor method of the
// same name forwards here.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "ember/core/Export.h"
#include "ember/core/Tensor.h"

namespace ember {

// ---- Reordering and repeating -------------------------------------------------------------
/// The elements in reverse order along each of `dims` (a copy).
EMBER_API Tensor flip(const Tensor& t, IntArrayRef dims);
/// Elements shifted by `shifts[i]` along `dims[i]`, wrapping around; without dims the
/// flattened tensor is rolled and the shape restored.
EMBER_API Tensor roll(const Tensor& t, IntArrayRef shifts, IntArrayRef dims = {});
/// Each element repeated `repeats` times along `dim` (of the flattened tensor without one).
EMBER_API Tensor repeat_interleave(const Tensor& t, int64_t repeats,
                                   std::optional<int64_t> dim = std::nullopt,
                                   std::optional<int64_t> output_size = std::nullopt);
/// Element i along `dim` repeated `repeats[i]` times (`repeats` 0-d or one per element).
EMBER_API Tensor repeat_interleave(const Tensor& t, const Tensor& repeats,
                                   std::optional<int64_t> dim = std::nullopt,
                                   std::optional<int64_t> output_size = std::nullopt);
/// The indices 0..n-1 each repeated `repeats[i]` times (int64/int32 1-d `repeats`).
EMBER_API Tensor repeat_interleave(const Tensor& repeats,
                                   std::optional<int64_t> output_size = std::nullopt);
/// numpy.tile: Tensor::repeat with `dims` padded with leading ones to t.dim().
EMBER_API Tensor tile(const Tensor& t, IntArrayRef dims);

// ---- Triangles and diagonals --------------------------------------------------------------
/// The lower (tril) / upper (triu) triangle of the last two dims, relative to `diagonal`.
EMBER_API Tensor tril(const Tensor& t, int64_t diagonal = 0);
EMBER_API Tensor triu(const Tensor& t, int64_t diagonal = 0);
/// A 1-d input gives the square matrix with it on the `diagonal`-th diagonal; a 2-d input
/// gives a copy of that diagonal.
EMBER_API Tensor diag(const Tensor& t, int64_t diagonal = 0);
/// A view of the `offset`-th diagonal of the (dim1, dim2) planes, appended as the last dim.
EMBER_API Tensor diagonal(const Tensor& t, int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1);
/// Zeros with the last dim of `t` written on the diagonals of new dims dim1, dim2.
EMBER_API Tensor diag_embed(const Tensor& t, int64_t offset = 0, int64_t dim1 = -2,
                            int64_t dim2 = -1);
/// Sum of the main diagonal of a 2-d tensor (integers sum into int64).
EMBER_API Tensor trace(const Tensor& t);

// ---- Moving and broadcasting dims (views) -------------------------------------------------
EMBER_API Tensor movedim(const Tensor& t, IntArrayRef source, IntArrayRef destination);
EMBER_API Tensor movedim(const Tensor& t, int64_t source, int64_t destination);
EMBER_API Tensor moveaxis(const Tensor& t, IntArrayRef source, IntArrayRef destination);
EMBER_API Tensor moveaxis(const Tensor& t, int64_t source, int64_t destination);
EMBER_API Tensor swapaxes(const Tensor& t, int64_t axis0, int64_t axis1);
EMBER_API Tensor swapdims(const Tensor& t, int64_t dim0, int64_t dim1);
/// Dim `dim` split into `sizes` (one of them may be -1).
EMBER_API Tensor unflatten(const Tensor& t, int64_t dim, IntArrayRef sizes);
EMBER_API Tensor broadcast_to(const Tensor& t, IntArrayRef size);
/// Views of the tensors expanded to their common broadcast shape.
EMBER_API std::vector<Tensor> broadcast_tensors(ArrayRef<Tensor> tensors);
/// Coordinate grids of 1-d (or 0-d) tensors; indexing "ij" (matrix) or "xy" (Cartesian,
/// the first two dims swapped).
EMBER_API std::vector<Tensor> meshgrid(ArrayRef<Tensor> tensors);
EMBER_API std::vector<Tensor> meshgrid(ArrayRef<Tensor> tensors, std::string_view indexing);

// ---- Indexing along one dim ---------------------------------------------------------------
/// gather with `indices` broadcast against t (except along `dim`); without a dim, indexes
/// the flattened tensor.
EMBER_API Tensor take_along_dim(const Tensor& t, const Tensor& indices,
                                std::optional<int64_t> dim = std::nullopt);
/// A copy of t with alpha * source's slices added at the slices `index` names along `dim`.
EMBER_API Tensor index_add(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& source,
                           const Scalar& alpha = 1);
/// A copy of t with source's slices written at the slices `index` names along `dim`.
EMBER_API Tensor index_copy(const Tensor& t, int64_t dim, const Tensor& index,
                            const Tensor& source);
/// A copy of t with the slices `index` names along `dim` filled with `value`.
EMBER_API Tensor index_fill(const Tensor& t, int64_t dim, const Tensor& index, const Scalar& value);
EMBER_API Tensor index_fill(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& value);
/// A copy of t with src[i][j] written at t[index[i][j]][j] (dim 0); with `reduce` "add" or
/// "multiply" combined with what is there instead.
EMBER_API Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src);
EMBER_API Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Scalar& value);
EMBER_API Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Tensor& src,
                         std::string_view reduce);
EMBER_API Tensor scatter(const Tensor& t, int64_t dim, const Tensor& index, const Scalar& value,
                         std::string_view reduce);
/// scatter reducing with "sum", "prod", "mean", "amax" or "amin"; include_self false ignores
/// t's own values where something is scattered.
EMBER_API Tensor scatter_reduce(const Tensor& t, int64_t dim, const Tensor& index,
                                const Tensor& src, std::string_view reduce,
                                bool include_self = true);
/// The elements where the bool mask (broadcast with t) is true, as a 1-d tensor.
EMBER_API Tensor masked_select(const Tensor& t, const Tensor& mask);
/// A copy of t with source's first elements written, in order, where the mask is true.
EMBER_API Tensor masked_scatter(const Tensor& t, const Tensor& mask, const Tensor& source);

// ---- Stacking -----------------------------------------------------------------------------
/// cat along dim 1 (dim 0 for 1-d tensors), 0 after atleast_2d, 2 after atleast_3d.
EMBER_API Tensor hstack(ArrayRef<Tensor> tensors);
EMBER_API Tensor vstack(ArrayRef<Tensor> tensors);
EMBER_API Tensor row_stack(ArrayRef<Tensor> tensors);
EMBER_API Tensor dstack(ArrayRef<Tensor> tensors);
/// 0-d and 1-d tensors as columns, then cat along dim 1.
EMBER_API Tensor column_stack(ArrayRef<Tensor> tensors);
EMBER_API Tensor atleast_1d(const Tensor& t);
EMBER_API Tensor atleast_2d(const Tensor& t);
EMBER_API Tensor atleast_3d(const Tensor& t);
EMBER_API std::vector<Tensor> atleast_1d(ArrayRef<Tensor> tensors);
EMBER_API std::vector<Tensor> atleast_2d(ArrayRef<Tensor> tensors);
EMBER_API std::vector<Tensor> atleast_3d(ArrayRef<Tensor> tensors);

// ---- Padding ------------------------------------------------------------------------------
/// Pads the last dims with `value`: pad = (left of the last dim, right of it, left of the one
/// before, ...); negative amounts crop.
EMBER_API Tensor constant_pad_nd(const Tensor& t, IntArrayRef pad, const Scalar& value = 0);
/// at::pad: mode "constant", "reflect", "replicate" or "circular"; `value` only for constant.
EMBER_API Tensor pad(const Tensor& t, IntArrayRef pad, std::string_view mode = "constant",
                     std::optional<double> value = std::nullopt);

}  // namespace ember
