// Views composed of the recorded ones: movedim / moveaxis (permute), swapaxes / swapdims
// (transpose), unflatten (view), broadcast_to / broadcast_tensors / meshgrid (expand).

#include <algorithm>
#include <string>
#include <vector>

#include "core/ShapeUtils.h"
#include "ember/core/Check.h"
#include "ember/core/Formatters.h"
#include "ember/core/Functions.h"

namespace ember {

Tensor movedim(const Tensor& t, IntArrayRef source, IntArrayRef destination) {
  EMBER_CHECK(source.size() == destination.size(),
              "movedim: Invalid source or destination dims: source ({} dims) should contain the "
              "same number of dims as destination ({} dims)",
              source, destination);
  const int64_t n = t.dim();
  constexpr int64_t kUnset = -1;
  DimVector order(static_cast<size_t>(std::max<int64_t>(n, 1)), kUnset);
  uint64_t used_source = 0, used_destination = 0;
  for (size_t i = 0; i < source.size(); ++i) {
    const int64_t s = detail::wrap_dim(source[i], n);
    const int64_t d = detail::wrap_dim(destination[i], n);
    EMBER_CHECK(!(used_source & (1ULL << s)), "movedim: repeated dim in `source` ({})", source);
    EMBER_CHECK(!(used_destination & (1ULL << d)), "movedim: repeated dim in `destination` ({})",
                destination);
    used_source |= 1ULL << s;
    used_destination |= 1ULL << d;
    order[static_cast<size_t>(d)] = s;
  }
  if (n == 0) return t.permute({});
  // The dims not moved keep their relative order in the free destinations.
  int64_t next = 0;
  for (int64_t d = 0; d < n; ++d) {
    if (order[static_cast<size_t>(d)] != kUnset) continue;
    while (used_source & (1ULL << next)) ++next;
    order[static_cast<size_t>(d)] = next++;
  }
  return t.permute(order);
}
Tensor movedim(const Tensor& t, int64_t source, int64_t destination) {
  return movedim(t, IntArrayRef(source), IntArrayRef(destination));
}
Tensor moveaxis(const Tensor& t, IntArrayRef source, IntArrayRef destination) {
  return movedim(t, source, destination);
}
Tensor moveaxis(const Tensor& t, int64_t source, int64_t destination) {
  return movedim(t, source, destination);
}
Tensor Tensor::movedim(IntArrayRef source, IntArrayRef destination) const {
  return ember::movedim(*this, source, destination);
}
Tensor Tensor::movedim(int64_t source, int64_t destination) const {
  return ember::movedim(*this, source, destination);
}
Tensor Tensor::moveaxis(IntArrayRef source, IntArrayRef destination) const {
  return ember::movedim(*this, source, destination);
}
Tensor Tensor::moveaxis(int64_t source, int64_t destination) const {
  return ember::movedim(*this, source, destination);
}

Tensor swapaxes(const Tensor& t, int64_t axis0, int64_t axis1) { return t.transpose(axis0, axis1); }
Tensor swapdims(const Tensor& t, int64_t dim0, int64_t dim1) { return t.transpose(dim0, dim1); }
Tensor Tensor::swapaxes(int64_t axis0, int64_t axis1) const { return transpose(axis0, axis1); }
Tensor Tensor::swapdims(int64_t dim0, int64_t dim1) const { return transpose(dim0, dim1); }

Tensor unflatten(const Tensor& t, int64_t dim, IntArrayRef sizes) {
  const int64_t d = detail::wrap_dim(dim, t.dim());
  EMBER_CHECK(!sizes.empty(), "unflatten: sizes must be non-empty");
  int64_t known = 1, inferred = -1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == -1) {
      EMBER_CHECK(inferred == -1, "unflatten: only one dimension can be inferred, got sizes {}",
                  sizes);
      inferred = static_cast<int64_t>(i);
    } else {
      EMBER_CHECK(sizes[i] >= 0, "unflatten: invalid size {} in {}", sizes[i], sizes);
      known *= sizes[i];
    }
  }
  const int64_t size = t.dim() == 0 ? 1 : t.sizes()[d];
  DimVector resolved(sizes);
  if (inferred >= 0 && known != 0 && size % known == 0) {
    resolved[static_cast<size_t>(inferred)] = size / known;
    known = size;
  }
  EMBER_CHECK(known == size,
              "unflatten: Provided sizes {} don't multiply up to the size of dim {} ({}) in the "
              "input tensor",
              sizes, dim, size);
  DimVector shape;
  for (int64_t i = 0; i < d; ++i) shape.push_back(t.sizes()[i]);
  for (int64_t s : resolved) shape.push_back(s);
  for (int64_t i = d + 1; i < t.dim(); ++i) shape.push_back(t.sizes()[i]);
  return t.view(shape);
}
Tensor Tensor::unflatten(int64_t dim, IntArrayRef sizes) const {
  return ember::unflatten(*this, dim, sizes);
}

Tensor broadcast_to(const Tensor& t, IntArrayRef size) { return t.expand(size); }
Tensor Tensor::broadcast_to(IntArrayRef size) const { return expand(size); }

std::vector<Tensor> broadcast_tensors(ArrayRef<Tensor> tensors) {
  DimVector shape;
  for (const Tensor& t : tensors) shape = detail::broadcast_shapes(shape, t.sizes());
  std::vector<Tensor> out;
  for (const Tensor& t : tensors)
    out.push_back(t.sizes() == IntArrayRef(shape) ? t : t.expand(shape));
  return out;
}

std::vector<Tensor> meshgrid(ArrayRef<Tensor> tensors, std::string_view indexing) {
  EMBER_CHECK(!tensors.empty(), "meshgrid expects a non-empty TensorList");
  EMBER_CHECK(indexing == "ij" || indexing == "xy",
              "torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: {}",
              indexing);
  for (const Tensor& t : tensors) {
    EMBER_CHECK(t.dim() <= 1,
                "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got a tensor of "
                "shape {}",
                t.sizes());
    EMBER_CHECK(t.dtype() == tensors[0].dtype(),
                "meshgrid expects all tensors to have the same dtype");
    EMBER_CHECK(t.device() == tensors[0].device(),
                "meshgrid expects all tensors to have the same device");
  }
  // "xy" is "ij" with the first two inputs swapped, and the first two grids swapped back.
  const bool swap = indexing == "xy" && tensors.size() >= 2;
  std::vector<Tensor> inputs(tensors.begin(), tensors.end());
  if (swap) std::swap(inputs[0], inputs[1]);
  DimVector shape;
  for (const Tensor& t : inputs) shape.push_back(t.numel());
  std::vector<Tensor> grids;
  for (size_t i = 0; i < inputs.size(); ++i) {
    DimVector view_shape(inputs.size(), 1);
    view_shape[i] = -1;
    grids.push_back(inputs[i].view(view_shape).expand(shape));
  }
  if (swap) std::swap(grids[0], grids[1]);
  return grids;
}

std::vector<Tensor> meshgrid(ArrayRef<Tensor> tensors) { return meshgrid(tensors, "ij"); }

}  // namespace ember
