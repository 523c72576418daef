#pragma once

// Autograd-free bodies of the view ops (core/ops/Views.cpp, core/ops/Split.cpp); the public
// ones, which record their base (and their node when the input requires grad), are in
// core/api/Views.cpp and core/api/Split.cpp. Every body returns a new tensor, never its
// input: a view recorded as its own base would never be freed.

#include <optional>
#include <vector>

#include "ember/core/Tensor.h"

namespace ember::native {

Tensor as_strided(const Tensor& t, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset);
/// A view with t's own geometry.
Tensor alias(const Tensor& t);
Tensor view(const Tensor& t, IntArrayRef size);
/// The geometry of t as `shape` without copying, when one exists (reshape's view case).
std::optional<Tensor> view_if_possible(const Tensor& t, IntArrayRef shape);
Tensor t(const Tensor& t);
Tensor transpose(const Tensor& t, int64_t dim0, int64_t dim1);
Tensor permute(const Tensor& t, IntArrayRef dims);
Tensor squeeze(const Tensor& t);
Tensor squeeze(const Tensor& t, int64_t dim);
Tensor unsqueeze(const Tensor& t, int64_t dim);
Tensor expand(const Tensor& t, IntArrayRef size);

/// A slice's bounds as the view takes them: the wrapped dim and start/end clamped to it.
struct SliceBounds {
  int64_t dim;
  int64_t start;
  int64_t end;
};
SliceBounds slice_bounds(const Tensor& t, int64_t dim, std::optional<int64_t> start,
                         std::optional<int64_t> end, int64_t step);
Tensor slice(const Tensor& t, const SliceBounds& bounds, int64_t step);
/// The wrapped dim and index select takes (checked).
std::pair<int64_t, int64_t> select_position(const Tensor& t, int64_t dim, int64_t index);
Tensor select(const Tensor& t, int64_t dim, int64_t index);
std::vector<Tensor> unbind(const Tensor& t, int64_t dim);

/// The pieces of split / split_with_sizes / chunk, and the wrapped dim they split.
std::vector<Tensor> split(const Tensor& t, int64_t split_size, int64_t dim);
std::vector<Tensor> split_with_sizes(const Tensor& t, IntArrayRef split_sizes, int64_t dim);
std::vector<Tensor> chunk(const Tensor& t, int64_t chunks, int64_t dim);

}  // namespace ember::native

namespace ember::detail {
/// at::alias: a view with the same geometry, recorded as AliasBackward0 (`x.index({"..."})`).
Tensor alias(const Tensor& t);
}  // namespace ember::detail
